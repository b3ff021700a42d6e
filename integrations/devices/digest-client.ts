import { DeviceCommandError } from './device-adapter';
import { digestAuthorization, parseChallenge, type DigestChallenge } from './digest-auth';

export interface DigestRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL. */
  url: string;
  body?: string | Uint8Array;
  contentType?: string;
  timeoutMs?: number;
}

export interface DigestResponse {
  status: number;
  contentType: string;
  body: Uint8Array;
  text(): string;
}

/**
 * A fetch-based HTTP client that answers Digest challenges. It remembers the last challenge per origin and
 * user, so steady traffic costs one round trip per request; a `stale` or changed nonce costs one retry.
 */
export class DigestClient {
  private readonly challenges = new Map<string, { challenge: DigestChallenge; nc: number }>();

  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}

  async request(request: DigestRequest): Promise<DigestResponse> {
    const url = new URL(request.url);
    const key = `${url.origin}|${this.username}`;
    let response = await this.send(request, url, this.challenges.get(key));
    if (response.status === 401) {
      const challenge = parseChallenge(response.headers.get('www-authenticate'));
      if (!challenge) throw new DeviceCommandError('DeviceAuthFailed', `${url.origin} refused without a Digest challenge`, 401);
      const state = { challenge, nc: 0 };
      this.challenges.set(key, state);
      await response.arrayBuffer();
      response = await this.send(request, url, state);
      if (response.status === 401) {
        this.challenges.delete(key);
        throw new DeviceCommandError('DeviceAuthFailed', `${url.origin} rejected the credentials of ${this.username}`, 401);
      }
    }
    const body = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body,
      text: () => new TextDecoder().decode(body),
    };
  }

  private async send(request: DigestRequest, url: URL, state: { challenge: DigestChallenge; nc: number } | undefined): Promise<Response> {
    const headers: Record<string, string> = {};
    if (request.contentType) headers['content-type'] = request.contentType;
    if (state) {
      state.nc += 1;
      headers.authorization = digestAuthorization({
        challenge: state.challenge,
        username: this.username,
        password: this.password,
        method: request.method,
        uri: url.pathname + url.search,
        nc: state.nc,
      });
    }
    try {
      return await fetch(url, {
        method: request.method,
        headers,
        body: request.body as BodyInit | undefined,
        signal: AbortSignal.timeout(request.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new DeviceCommandError('DeviceUnreachable', `${url.origin}: ${(error as Error).message}`);
    }
  }
}
