// A benchmark's data set that cannot be read or is not in the expected shape.
export class DatasetError extends Error {
  override name = 'DatasetError';
}
