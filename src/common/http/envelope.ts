/** The success envelope every JSON response carries. */
export interface Envelope<T> {
  success: true;
  message: string;
  data: T;
  timestamp: string;
}

export function envelope<T>(message: string, data: T): Envelope<T> {
  return { success: true, message, data, timestamp: new Date().toISOString() };
}
