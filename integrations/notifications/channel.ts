/**
 * One interface for every outbound channel (P4.1): the relay hands a message to a channel's sender, which answers
 * once the provider has taken it, throws `DeliveryRefused` when the provider refuses it for good (a number that is
 * not a mobile, an unknown account: trying again cannot help), and throws anything else for a failure worth
 * another try (the provider down, slow or throttling).
 */
export interface OutboundMessage {
  /** The channel's address: an email address, a mobile number, a WeCom account. */
  to: string;
  subject: string;
  text: string;
  /** Where the message leads, whole (`STEWARD_PUBLIC_URL` + path), or null. */
  link: string | null;
  /** The same on every try of one delivery, so a provider (or its receiver) can tell a repeat. */
  deliveryKey: string;
}

export interface ChannelSender {
  send(message: OutboundMessage): Promise<void>;
  close(): void;
}

/** The provider refused the message for good: the delivery fails now, without further tries. */
export class DeliveryRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'DeliveryRefused';
  }
}

/** A provider's answer that is neither taken nor refused (a 5xx, throttling, a body that is not its JSON). */
export class DeliveryFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryFailed';
  }
}

/** Answers `fetch` within `timeoutMs`, else fails (worth another try). */
export async function fetchWithin(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    // fetch says only "fetch failed"; its cause names the network's refusal (ECONNREFUSED, a timeout).
    const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
    throw new DeliveryFailed(`${new URL(url).host}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
}
