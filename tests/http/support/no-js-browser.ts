/**
 * A browser without JavaScript, over real HTTP: a cookie jar, GET, and form posts exactly as an
 * HTML `<form>` sends them. A Next.js server action used as `<form action>` renders hidden fields
 * (`$ACTION_ID_...`, or `$ACTION_REF_n` / `$ACTION_n:0` / `$ACTION_KEY` for a bound action under
 * useActionState); posting them back as multipart, with no `Next-Action` header, is what a browser
 * with JavaScript off does, and the server answers with a redirect or the re-rendered page.
 */

export interface Page {
  status: number;
  /** Where the answer came from after following redirects (path + query). */
  path: string;
  html: string;
  /** Every redirect followed on the way, as `status location`. */
  redirects: string[];
}

export interface BrowserOptions {
  /**
   * What a reverse proxy in front of the app appends as X-Forwarded-For (the client address as
   * the proxy sees it). `claimed` is whatever the client itself sent, kept on the left.
   */
  forwardedFor?: { client: string; claimed?: string };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return String.fromCodePoint(n);
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** The visible text of a page: no tags, scripts or styles, entities decoded, spaces collapsed. */
export function visibleText(html: string): string {
  return decodeEntities(
    html
      .replace(/<script[\s\S]*?<\/script>/gi, ' ')
      .replace(/<style[\s\S]*?<\/style>/gi, ' ')
      .replace(/<template[\s\S]*?<\/template>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([^\s=/<>"']+)(?:="([^"]*)")?/g)) out[m[1]] = decodeEntities(m[2] ?? '');
  return out;
}

export interface HtmlForm {
  action: string | null;
  method: string;
  /** Every named input/select/textarea with its current value (hidden fields included). */
  fields: Array<[string, string]>;
}

/** The forms of a page, with the values a browser would submit untouched. */
export function formsOf(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(m[1]);
    const body = m[2];
    const fields: Array<[string, string]> = [];
    for (const input of body.matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1]);
      if (!a.name) continue;
      if ((a.type === 'checkbox' || a.type === 'radio') && !('checked' in a)) continue;
      if (a.type === 'submit' || a.type === 'button') continue;
      fields.push([a.name, a.value ?? '']);
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const a = attributes(select[1]);
      if (!a.name) continue;
      const options = [...select[2].matchAll(/<option\b([^>]*)>/gi)].map((o) => attributes(o[1]));
      const chosen = options.find((o) => 'selected' in o) ?? options[0];
      fields.push([a.name, chosen?.value ?? '']);
    }
    for (const area of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const a = attributes(area[1]);
      if (a.name) fields.push([a.name, decodeEntities(area[2])]);
    }
    forms.push({ action: attrs.action ?? null, method: (attrs.method ?? 'get').toLowerCase(), fields });
  }
  return forms;
}

/** The one form of the page that has a field called `name`. */
export function formWithField(html: string, name: string): HtmlForm {
  const matches = formsOf(html).filter((f) => f.fields.some(([n]) => n === name));
  if (matches.length !== 1) throw new Error(`expected one form with a "${name}" field, found ${matches.length}`);
  return matches[0];
}

/** The form's fields with `changes` applied (replacing fields of the same name). */
export function fill(form: HtmlForm, changes: Record<string, string>): Array<[string, string]> {
  const kept = form.fields.filter(([name]) => !(name in changes));
  return [...kept, ...Object.entries(changes)];
}

export class NoJsBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly options: BrowserOptions = {},
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { 'accept-language': 'es-AR', ...extra };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const ff = this.options.forwardedFor;
    if (ff) headers['x-forwarded-for'] = ff.claimed ? `${ff.claimed}, ${ff.client}` : ff.client;
    return headers;
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** One request, no redirect followed. */
  async raw(path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: init.method ?? 'GET',
      body: init.body,
      headers: this.headers(init.headers),
      redirect: 'manual',
    });
    this.remember(response);
    return response;
  }

  /** Follows redirects the way a browser does after a form post (303/302/301 become a GET). */
  private async follow(first: Response, firstPath: string): Promise<Page> {
    let response = first;
    let path = firstPath;
    const redirects: string[] = [];
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      const location = response.headers.get('location');
      if (!location || hops > 10) break;
      await response.arrayBuffer();
      redirects.push(`${response.status} ${location}`);
      const next = new URL(location, new URL(path, this.baseUrl));
      path = `${next.pathname}${next.search}`;
      response = await this.raw(path);
    }
    return { status: response.status, path, html: await response.text(), redirects };
  }

  async get(path: string): Promise<Page> {
    return this.follow(await this.raw(path), path);
  }

  /** Posts `fields` as multipart/form-data, as a browser submits a `<form>` with a file-less body. */
  async submit(path: string, fields: Array<[string, string]>): Promise<Page> {
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    // Browsers send Origin on every form post; Next.js checks it against Host for server actions.
    return this.follow(await this.raw(path, { method: 'POST', body, headers: { origin: new URL(this.baseUrl).origin } }), path);
  }

  /**
   * Signs a patient in through Auth.js's own credentials endpoint: its CSRF token (double-submit
   * cookie), then the callback. True when a session cookie came back.
   */
  async signInPatient(dni: string, password: string): Promise<boolean> {
    const csrf = await this.raw('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await this.raw('/api/auth/callback/patient', {
      method: 'POST',
      body: new URLSearchParams({ dni, password, csrfToken, callbackUrl: '/mis-turnos' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await response.arrayBuffer();
    return response.status === 302 && this.cookies.has('authjs.session-token');
  }
}
