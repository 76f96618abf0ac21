/** The one HTTP layer every connector uses (main/emr/http/): connectors import it from here. */
export type { TokenSource } from './http/bearer.js';
export { createEmrHttp, type EmrHttp, type EmrHttpOptions } from './http/emr-http.js';
export { HttpStatusError } from './http/http-status-error.js';
export type { RequestDefaults, RequestDefaultsSource } from './http/request-defaults.js';
export type { StreamBody } from './http/stream-body.js';
export type { StreamSend, StreamSender } from './http/stream-sender.js';
