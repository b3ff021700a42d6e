import { DEMO_PASSWORD } from '../../db/seed/demo-community';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies of every shape
export interface HttpResponse<Body = any> {
  status: number;
  /** Parsed JSON (application/json or application/problem+json), else the text; undefined when empty. */
  body: Body;
  contentType: string;
}

export interface HttpClient {
  get(path: string): Promise<HttpResponse>;
  /** A string body is sent as-is (to test malformed JSON); anything else as JSON. */
  post(path: string, body?: unknown): Promise<HttpResponse>;
  put(path: string, body?: unknown): Promise<HttpResponse>;
  /** A GET answered as it came (downloads, images), with the session's cookie. */
  raw(path: string): Promise<Response>;
}

export interface SignedInClient extends HttpClient {
  user: { id: string; username: string; displayName: string; roles: string[] };
}

/** Requests against the API with an optional cookie jar (name → value), kept up to date from Set-Cookie, in a language if given (Accept-Language). */
function client(baseUrl: string, jar?: Map<string, string>, language?: string): HttpClient {
  const send = async (method: string, path: string, body?: unknown): Promise<HttpResponse> => {
    const headers: Record<string, string> = { accept: 'application/json', ...(language ? { 'accept-language': language } : {}) };
    if (jar?.size) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (jar) {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair, ...attributes] = cookie.split(';');
        const [name, ...value] = pair.split('=');
        const expired = attributes.some((attribute) => /^\s*expires=/i.test(attribute) && Date.parse(attribute.split('=')[1]) <= Date.now());
        if (expired || value.join('=') === '') jar.delete(name.trim());
        else jar.set(name.trim(), value.join('=').trim());
      }
    }
    const contentType = response.headers.get('content-type') ?? '';
    const text = await response.text();
    const parsed = text && /[/+]json\b/.test(contentType) ? JSON.parse(text) : text || undefined;
    return { status: response.status, body: parsed, contentType };
  };
  return {
    raw: (path) => fetch(new URL(path, baseUrl), { headers: jar?.size ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {} }),
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
    put: (path, body) => send('PUT', path, body),
  };
}

/** A requester that keeps the cookies it is given (a sign-in of its own that does not answer 200, say). */
export const withCookies = (baseUrl: string, language?: string): HttpClient => client(baseUrl, new Map(), language);

/** A requester without a session. */
export const anonymous = (baseUrl: string, language?: string): HttpClient => client(baseUrl, undefined, language);

/** Signs a demo user in and returns a client carrying that user's session cookie (asking for answers in `language`, if given). */
export async function signIn(baseUrl: string, username: string, password = DEMO_PASSWORD, language?: string): Promise<SignedInClient> {
  const jar = new Map<string, string>();
  const http = client(baseUrl, jar, language);
  const response = await http.post('/api/v1/auth/login', { username, password });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { ...http, user: response.body.user };
}
