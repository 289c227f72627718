// Stands in for `server-only` under vitest, where importing the real package throws (STACK.md trap 10).
export {};
