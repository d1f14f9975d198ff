/**
 * Thrown by a handler that has nothing to send (a stream route asked to resume a stream
 * whose terminal event the client already has): answered 204 with no body, which tells
 * an EventSource to stop reconnecting. Not an error: nothing is logged or counted.
 */
export class NoContent extends Error {
  constructor() {
    super('nothing to send');
    this.name = 'NoContent';
  }
}
