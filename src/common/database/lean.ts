/** Removes mongoose's `_id` and `__v` from a lean document, so repositories hand out plain records. */
export function withoutMongoFields<T extends object>(doc: T & { _id?: unknown; __v?: unknown }): T {
  const { _id, __v, ...rest } = doc;
  void _id;
  void __v;
  return rest as T;
}
