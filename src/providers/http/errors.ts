// The failures of an http activity: the requests exceptions chaoslib turns into "failed to
// connect" / "took too long", the Python-named unexpected errors it lets escape, and the
// urllib3-style texts (repr and str) of the errors a single attempt can end with.
import { pythonRepr } from '../../python/values.js';

/** requests.exceptions.ConnectionError (and its ConnectTimeout / SSLError subclasses). */
export class ConnectionFailure extends Error {}
/** requests.exceptions.ReadTimeout raised before the response headers (chaoslib's "took too long"). */
export class TimeoutFailure extends Error {}

/**
 * Ours: one attempt took longer in all than its connect and read timeouts together (a peer
 * trickling its answer never trips requests' per-read timeout); or an activity without timeouts
 * passed the run's activity-timeout. chaoslib's "took too long" either way.
 */
export class DeadlineFailure extends Error {}

/** An unexpected error, named like the Python exception chaoslib would let escape. */
export function pyError(type: string, message: string): Error {
  return new Error(`${type}: ${message}`);
}

export function abortError(signal: AbortSignal): Error {
  const error = new Error('http activity interrupted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

/** One failed attempt inside urllib3's retry loop, with the Python repr/str of its exception. */
export type AttemptKind = 'connect' | 'tls' | 'read' | 'read-timeout';
export class AttemptError extends Error {
  constructor(
    readonly kind: AttemptKind,
    /** repr() of the urllib3 exception, as shown in "Caused by ...". */
    readonly repr: string,
    /** str() of the exception requests raises when it is not retried. */
    readonly str: string,
  ) {
    super(str);
  }

  /**
   * Ours: the request went on a kept-alive connection that the peer had closed meanwhile (reset or
   * broken pipe before any answer): the server never saw it, and it may be sent again on a new one.
   */
  staleConnection = false;
}

const ERRNO: Record<string, [number, string]> = {
  ECONNREFUSED: [111, 'Connection refused'],
  ECONNRESET: [104, 'Connection reset by peer'],
  ECONNABORTED: [103, 'Software caused connection abort'],
  EHOSTUNREACH: [113, 'No route to host'],
  ENETUNREACH: [101, 'Network is unreachable'],
  ETIMEDOUT: [110, 'Connection timed out'],
  EADDRNOTAVAIL: [99, 'Cannot assign requested address'],
  EPIPE: [32, 'Broken pipe'],
};

const TLS_VERIFY_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
};

function osErrorText(err: NodeJS.ErrnoException): string {
  const known = err.code ? ERRNO[err.code] : undefined;
  return known ? `[Errno ${known[0]}] ${known[1]}` : err.message;
}

/** Where an attempt was when it failed: what urllib3 would have been doing decides the error. */
export type AttemptPhase = 'connecting' | 'handshake' | 'sent' | 'response';

/** The urllib3 error of an attempt that failed with `err` (a socket, DNS, TLS or parser error). */
export function attemptError(err: NodeJS.ErrnoException, phase: AttemptPhase, connName: string, hostname: string, isTls: boolean): AttemptError {
  if (phase === 'connecting') {
    let message: string;
    if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' || err.code === 'EAI_FAIL' || err.code === 'EAI_NODATA') {
      const gai = err.code === 'EAI_AGAIN' ? '[Errno -3] Temporary failure in name resolution' : '[Errno -2] Name or service not known';
      message = `${connName}: Failed to resolve ${pythonRepr(hostname)} (${gai})`;
      return new AttemptError('connect', `NameResolutionError(${pythonRepr(message)})`, message);
    }
    if (isTls && (err.code ?? '') in TLS_VERIFY_REASONS) {
      return tlsError(err);
    }
    message = `${connName}: Failed to establish a new connection: ${osErrorText(err)}`;
    return new AttemptError('connect', `NewConnectionError(${pythonRepr(message)})`, message);
  }
  if (phase === 'handshake') {
    return tlsError(err);
  }
  let inner: string;
  if (err.code === 'ECONNRESET' && err.message === 'socket hang up') inner = "RemoteDisconnected('Remote end closed connection without response')";
  else if (err.code === 'ECONNRESET') inner = "ConnectionResetError(104, 'Connection reset by peer')";
  else if (err.code === 'EPIPE') inner = "BrokenPipeError(32, 'Broken pipe')";
  else if (err.code?.startsWith('HPE_')) inner = `BadStatusLine(${pythonRepr(err.message)})`;
  else inner = `OSError(${pythonRepr(osErrorText(err))})`;
  return protocolError(inner);
}

function tlsError(err: NodeJS.ErrnoException): AttemptError {
  const reason = err.code ? TLS_VERIFY_REASONS[err.code] : undefined;
  let inner: string;
  if (reason) inner = `SSLCertVerificationError(1, ${pythonRepr(`[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${reason}`)})`;
  else if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    inner = `SSLCertVerificationError(1, ${pythonRepr(`[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${err.message}`)})`;
  } else {
    // OpenSSL's "error:0A00010B:SSL routines:fn:wrong version number" reads, in Python,
    // "[SSL: WRONG_VERSION_NUMBER] wrong version number".
    const ossl = /error:[0-9A-Fa-f]+:SSL routines:[^:]*:([^:]+)/.exec(err.message);
    const text = ossl ? `[SSL: ${(ossl[1] as string).toUpperCase().replace(/ /g, '_')}] ${ossl[1] as string}` : err.message;
    inner = `SSLError(1, ${pythonRepr(text)})`;
  }
  return new AttemptError('tls', `SSLError(${inner})`, inner);
}

/** urllib3's ProtocolError('Connection aborted.', inner) for a connection lost before the answer. */
export function protocolError(inner: string): AttemptError {
  return new AttemptError('read', `ProtocolError('Connection aborted.', ${inner})`, `('Connection aborted.', ${inner})`);
}

/** urllib3's ConnectTimeoutError. */
export function connectTimeoutError(connName: string, hostname: string, connectTimeout: number | null): AttemptError {
  const msg = `Connection to ${hostname} timed out. (connect timeout=${pythonRepr(connectTimeout)})`;
  return new AttemptError('connect', `ConnectTimeoutError(<${connName}>, ${pythonRepr(msg)})`, msg);
}

/** urllib3's ReadTimeoutError while waiting for the response headers. */
export function readTimeoutError(pool: string, readTimeout: number | null): AttemptError {
  const text = `${pool}: Read timed out. (read timeout=${pythonRepr(readTimeout)})`;
  return new AttemptError('read-timeout', `ReadTimeoutError(${pythonRepr(text)})`, text);
}

export function incomplete(received: number, contentLength: string | undefined): Error {
  // urllib3's IncompleteRead while reading the body becomes requests' ChunkedEncodingError, which
  // chaoslib does not catch.
  const expected = contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) - received : null;
  const inner =
    expected !== null && expected > 0 ? `IncompleteRead(${received} bytes read, ${expected} more expected)` : `IncompleteRead(${received} bytes read)`;
  return pyError('requests.exceptions.ChunkedEncodingError', `('Connection broken: ${inner}', ${inner})`);
}
