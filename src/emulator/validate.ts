// The message and thread limits Discord enforces, answered with its "Invalid Form Body" shape,
// so that a client exceeding them fails here exactly as it would there.
import { ApiError } from './context.ts';
import type { Json } from './state.ts';

const codePoints = (text: string): number => [...text].length;

type FieldErrors = Record<string, string>;

export function invalidFormBody(errors: FieldErrors): ApiError {
  const nested: Json = {};
  for (const [field, message] of Object.entries(errors)) {
    nested[field] = { _errors: [{ code: 'BASE_TYPE_INVALID', message }] };
  }
  return new ApiError(400, { code: 50035, message: 'Invalid Form Body', errors: nested });
}

export function validateMessageBody(body: Json, options: { creating: boolean }): void {
  const errors: FieldErrors = {};
  const content = body.content;
  if (content !== undefined && content !== null && typeof content !== 'string') errors.content = 'Must be a string.';
  if (typeof content === 'string' && codePoints(content) > 2000) errors.content = 'Must be 2000 or fewer in length.';
  const embeds = body.embeds;
  if (Array.isArray(embeds)) {
    if (embeds.length > 10) errors.embeds = 'Must be 10 or fewer in length.';
    let total = 0;
    embeds.forEach((embed, i) => {
      const e = (embed ?? {}) as Json;
      const title = typeof e.title === 'string' ? e.title : '';
      const description = typeof e.description === 'string' ? e.description : '';
      if (codePoints(title) > 256) errors[`embeds.${i}.title`] = 'Must be 256 or fewer in length.';
      if (codePoints(description) > 4096) errors[`embeds.${i}.description`] = 'Must be 4096 or fewer in length.';
      total += codePoints(title) + codePoints(description);
      for (const field of Array.isArray(e.fields) ? (e.fields as Json[]) : []) {
        total += codePoints(String(field.name ?? '')) + codePoints(String(field.value ?? ''));
      }
    });
    if (total > 6000) errors.embeds = 'Embed size exceeds maximum size of 6000';
  }
  validateComponents(body.components, errors);
  if (Object.keys(errors).length > 0) throw invalidFormBody(errors);
  const empty =
    (typeof content !== 'string' || content.length === 0) &&
    !(Array.isArray(embeds) && embeds.length > 0) &&
    !(Array.isArray(body.components) && body.components.length > 0) &&
    !(Array.isArray(body.attachments) && body.attachments.length > 0) &&
    !(Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0);
  if (options.creating && empty) throw new ApiError(400, { code: 50006, message: 'Cannot send an empty message' });
}

function validateComponents(components: unknown, errors: FieldErrors): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.components = 'Must be an array.';
    return;
  }
  if (components.length > 5) errors.components = 'Must be 5 or fewer in length.';
  const customIds = new Set<string>();
  components.forEach((row, r) => {
    const children = ((row ?? {}) as Json).components;
    if (!Array.isArray(children) || children.length === 0 || children.length > 5) {
      errors[`components.${r}.components`] = 'An action row holds 1 to 5 components.';
      return;
    }
    children.forEach((child, c) => {
      const button = (child ?? {}) as Json;
      const at = `components.${r}.components.${c}`;
      if (typeof button.label === 'string' && codePoints(button.label) > 80) errors[`${at}.label`] = 'Must be 80 or fewer in length.';
      if (button.style === 5) return; // link buttons carry a url, not a custom_id
      const customId = button.custom_id;
      if (typeof customId !== 'string' || customId.length === 0 || codePoints(customId) > 100) {
        errors[`${at}.custom_id`] = 'Must be between 1 and 100 in length.';
      } else if (customIds.has(customId)) {
        errors[`${at}.custom_id`] = 'Component custom id cannot be duplicated';
      } else {
        customIds.add(customId);
      }
    });
  });
}

export function validateThreadName(name: unknown): string {
  if (typeof name !== 'string' || name.trim().length === 0 || codePoints(name) > 100) {
    throw invalidFormBody({ name: 'Must be between 1 and 100 in length.' });
  }
  return name;
}
