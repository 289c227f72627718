/**
 * Reading the mails the app really sent, from the catcher that tests/e2e/server.ts starts
 * (tests/e2e/mail-catcher.ts). Many specs share one catcher and one database: filter by
 * recipient, by `since` (a Date.now() taken before the action) and by subject, and never clear it.
 *
 *   const since = Date.now();
 *   ...book a turno...
 *   const mail = await waitForMail(request, { to: 'juan.perez@example.com', subject: /^Turno confirmado/, since });
 *   expect(attachmentText(mail, 'text/calendar')).toContain('DTSTART:...');
 *   await page.goto(linksIn(mail).find((l) => l.text === 'Mis Turnos')!.href);
 */
import { expect, type APIRequestContext } from '@playwright/test';
import { mailCatcherApiUrl, type CaughtAttachment, type CaughtMail } from './mail-catcher';

export interface MailAttachment extends Omit<CaughtAttachment, 'contentBase64'> {
  content: Buffer;
}

export interface Mail extends Omit<CaughtMail, 'attachments'> {
  attachments: MailAttachment[];
}

export interface MailQuery {
  to: string;
  subject?: RegExp;
  /** Epoch ms: only mails received at or after it (take Date.now() before the action). */
  since?: number;
}

function decode(mail: CaughtMail): Mail {
  return {
    ...mail,
    attachments: mail.attachments.map(({ contentBase64, ...rest }) => ({ ...rest, content: Buffer.from(contentBase64, 'base64') })),
  };
}

/** Every mail that matches, oldest first, right now (no waiting). */
export async function listMail(request: APIRequestContext, query: MailQuery): Promise<Mail[]> {
  const url = new URL('/messages', mailCatcherApiUrl());
  url.searchParams.set('to', query.to);
  if (query.since) url.searchParams.set('since', String(query.since));
  const response = await request.get(url.toString());
  expect(response.ok(), `mail catcher at ${url}: HTTP ${response.status()}`).toBe(true);
  const mails = ((await response.json()) as CaughtMail[]).map(decode);
  return query.subject ? mails.filter((m) => query.subject!.test(m.subject)) : mails;
}

/**
 * The first mail that matches, polling until it arrives. The outbox worker sends every ~2 s,
 * so the default timeout leaves room for a few ticks and a retry.
 */
export async function waitForMail(request: APIRequestContext, query: MailQuery & { timeoutMs?: number }): Promise<Mail> {
  const timeoutMs = query.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [mail] = await listMail(request, query);
    if (mail) return mail;
    if (Date.now() >= deadline) {
      const others = (await listMail(request, { to: query.to, since: query.since })).map((m) => `"${m.subject}"`);
      throw new Error(
        `No mail to ${query.to}${query.subject ? ` with subject ${query.subject}` : ''} within ${timeoutMs} ms` +
          (others.length ? `; what arrived for that address: ${others.join(', ')}` : '; nothing arrived for that address'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface MailLink {
  href: string;
  /** The link's visible text (HTML links), or the URL itself for a bare URL in the text part. */
  text: string;
  source: 'html' | 'text';
}

const decodeEntities = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)));

/** The HTML part as a reader sees it: no tags, comments or entities, whitespace collapsed. */
export function htmlText(mail: Pick<Mail, 'html'>): string {
  return decodeEntities(
    (mail.html ?? '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(head|style|script)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every http(s) link of a mail: the HTML's <a href> first, then bare URLs of the text part. */
export function linksIn(mail: Pick<Mail, 'html' | 'text'>): MailLink[] {
  const links: MailLink[] = [];
  for (const match of (mail.html ?? '').matchAll(/<a\b[^>]*?\bhref\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/gi)) {
    const href = decodeEntities(match[2]);
    if (!/^https?:\/\//i.test(href)) continue;
    const text = decodeEntities(match[3].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
    links.push({ href, text, source: 'html' });
  }
  for (const match of mail.text.matchAll(/https?:\/\/[^\s<>()"'\]]+/gi)) {
    const href = match[0].replace(/[.,;:!?]+$/, '');
    links.push({ href, text: href, source: 'text' });
  }
  return links;
}

/** The first attachment of that content type ("text/calendar"), decoded as UTF-8. */
export function attachmentText(mail: Mail, contentType: string): string {
  const attachment = mail.attachments.find((a) => a.contentType === contentType);
  if (!attachment) {
    throw new Error(`No ${contentType} attachment; the mail has: ${mail.attachments.map((a) => a.contentType).join(', ') || 'none'}`);
  }
  return attachment.content.toString('utf8');
}

/** An .ics property with its folded lines joined (RFC 5545 3.1): icsProperty(ics, 'DTSTART'). */
export function icsProperty(ics: string, name: string): string | null {
  const unfolded = ics.replace(/\r?\n[ \t]/g, '');
  const line = unfolded.split(/\r?\n/).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line ? line.slice(line.indexOf(':') + 1) : null;
}
