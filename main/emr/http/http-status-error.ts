/** A non-2xx answer to a streamed upload; the connector's error mapping reads `response`. */
export class HttpStatusError extends Error {
  readonly response: Response;

  constructor(response: Response) {
    super(`HTTP ${response.status}`);
    this.name = 'HttpStatusError';
    this.response = response;
  }
}
