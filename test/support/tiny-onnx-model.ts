// Writes a tiny embedding model folder in the layout transformers.js reads (<dir>/<name>/onnx/model.onnx plus
// tokenizer and config files), with no network. The ONNX graph is encoded by hand: it looks each token up in
// a small embedding table and zeroes padding; the feature-extraction pipeline does the mean pooling.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

export interface TinyModel {
  /** Pass as EMBEDDINGS_MODEL_DIR. */
  dir: string;
  /** Pass as EMBEDDINGS_MODEL. */
  name: string;
  dimensions: number;
  vocabulary: string[];
}

/** `words` become the vocabulary (anything else is [UNK]); `seed` changes every vector, so two models differ. */
export function writeTinyModel(dir: string, name: string, options: { words: readonly string[]; dimensions?: number; seed?: number }): TinyModel {
  const dimensions = options.dimensions ?? 8;
  const vocabulary = [...SPECIAL_TOKENS, ...new Set(options.words)];
  const folder = join(dir, name);
  mkdirSync(join(folder, 'onnx'), { recursive: true });
  writeFileSync(join(folder, 'onnx', 'model.onnx'), encodeModel(embeddingTable(vocabulary.length, dimensions, options.seed ?? 1), vocabulary.length, dimensions));
  writeFileSync(join(folder, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocabulary)));
  writeFileSync(
    join(folder, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      model_max_length: 128,
      do_lower_case: false,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
    }),
  );
  writeFileSync(
    join(folder, 'config.json'),
    JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: dimensions, vocab_size: vocabulary.length }),
  );
  return { dir, name, dimensions, vocabulary };
}

function embeddingTable(rows: number, dimensions: number, seed: number): Float32Array {
  const table = new Float32Array(rows * dimensions);
  for (let row = 0; row < rows; row++) {
    for (let d = 0; d < dimensions; d++) table[row * dimensions + d] = Math.sin((row + 1) * (d + 1) * 0.7 + seed);
  }
  return table;
}

function tokenizerJson(vocabulary: readonly string[]) {
  const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t, i) => special(t, i)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: false },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocabulary.map((word, id) => [word, id])),
    },
  };
}

// ---- a minimal protobuf writer, enough for onnx.proto ----

type Bytes = Uint8Array;

function varint(value: number | bigint): Bytes {
  let v = BigInt(value);
  if (v < 0n) v = (1n << 64n) + v; // two's complement, as protobuf encodes negative int64
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

function concat(parts: readonly Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const intField = (field: number, value: number | bigint) => concat([varint(field << 3), varint(value)]);
const bytesField = (field: number, value: Bytes) => concat([varint((field << 3) | 2), varint(value.length), value]);
const textField = (field: number, value: string) => bytesField(field, new TextEncoder().encode(value));
const message = (field: number, ...parts: Bytes[]) => bytesField(field, concat(parts));

const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;

function tensorType(elementType: number, dims: (number | string)[]) {
  const shape = dims.map((d) => message(1, typeof d === 'number' ? intField(1, d) : textField(2, d)));
  return message(2, message(1, intField(1, elementType), message(2, ...shape)));
}

const valueInfo = (field: number, name: string, elementType: number, dims: (number | string)[]) =>
  message(field, textField(1, name), tensorType(elementType, dims));

function node(opType: string, inputs: string[], outputs: string[], ...attributes: Bytes[]) {
  return message(1, ...inputs.map((i) => textField(1, i)), ...outputs.map((o) => textField(2, o)), textField(3, `${opType}_0`), textField(4, opType), ...attributes);
}

function initializer(name: string, dataType: number, dims: number[], raw: Bytes) {
  return message(5, ...dims.map((d) => intField(1, d)), intField(2, dataType), textField(8, name), bytesField(9, raw));
}

function encodeModel(table: Float32Array, vocabularySize: number, dimensions: number): Bytes {
  const axes = new BigInt64Array([2n]);
  const graph = message(
    7,
    node('Gather', ['embedding_table', 'input_ids'], ['token_vectors']),
    node('Cast', ['attention_mask'], ['mask_float'], message(5, textField(1, 'to'), intField(3, FLOAT), intField(20, ATTRIBUTE_INT))),
    node('Unsqueeze', ['mask_float', 'mask_axes'], ['mask_3d']),
    node('Mul', ['token_vectors', 'mask_3d'], ['last_hidden_state']),
    textField(2, 'tiny_embedder'),
    initializer('embedding_table', FLOAT, [vocabularySize, dimensions], new Uint8Array(table.buffer)),
    initializer('mask_axes', INT64, [1], new Uint8Array(axes.buffer)),
    valueInfo(11, 'input_ids', INT64, ['batch', 'sequence']),
    valueInfo(11, 'attention_mask', INT64, ['batch', 'sequence']),
    valueInfo(12, 'last_hidden_state', FLOAT, ['batch', 'sequence', dimensions]),
  );
  return concat([intField(1, 8), textField(2, 'tiny-model-writer'), graph, message(8, textField(1, ''), intField(2, 13))]);
}
