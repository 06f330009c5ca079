// Modals: Discord's checks on a MODAL callback, and the MODAL_SUBMIT data a person's answers become.
// The submission mirrors the modal's layout: an action row per text input (the older layout) or a
// label (type 18) around each field, each component carrying its numeric id.
import type {
  APIModalInteractionResponseCallbackData,
  APIModalSubmission,
  APIModalSubmissionComponent,
  ModalSubmitComponent,
} from 'discord-api-types/v10';
import { invalidFormBody } from './validate.ts';
import type { Json } from './state.ts';

const Component = { ActionRow: 1, StringSelect: 3, TextInput: 4, TextDisplay: 10, Label: 18 } as const;

const codePoints = (text: unknown): number => (typeof text === 'string' ? [...text].length : 0);

/** Discord's basic rules for a modal: 400 Invalid Form Body otherwise. */
export function validateModal(data: Json): APIModalInteractionResponseCallbackData {
  const errors: Record<string, string> = {};
  if (typeof data.custom_id !== 'string' || codePoints(data.custom_id) < 1 || codePoints(data.custom_id) > 100) {
    errors['data.custom_id'] = 'Must be between 1 and 100 in length.';
  }
  if (typeof data.title !== 'string' || codePoints(data.title) < 1 || codePoints(data.title) > 45) {
    errors['data.title'] = 'Must be between 1 and 45 in length.';
  }
  const components = data.components;
  if (!Array.isArray(components) || components.length < 1 || components.length > 5) {
    errors['data.components'] = 'Must be between 1 and 5 in length.';
  } else {
    const customIds = new Set<string>();
    components.forEach((top, i) => {
      const at = `data.components.${i}`;
      const row = (top ?? {}) as Json;
      const children =
        row.type === Component.ActionRow ? row.components : row.type === Component.Label ? [row.component] : [];
      if (row.type === Component.ActionRow && (!Array.isArray(children) || children.length !== 1)) {
        errors[`${at}.components`] = 'An action row in a modal holds one text input.';
      }
      if (row.type === Component.Label && codePoints(row.label) < 1) errors[`${at}.label`] = 'Must be between 1 and 45 in length.';
      for (const child of Array.isArray(children) ? (children as Json[]) : []) {
        if (typeof child?.custom_id !== 'string' || codePoints(child.custom_id) < 1 || codePoints(child.custom_id) > 100) {
          errors[`${at}.custom_id`] = 'Must be between 1 and 100 in length.';
        } else if (customIds.has(child.custom_id)) {
          errors[`${at}.custom_id`] = 'Component custom id cannot be duplicated';
        } else {
          customIds.add(child.custom_id);
        }
        if (child?.type !== Component.TextInput) continue;
        if (child.style !== 1 && child.style !== 2) errors[`${at}.style`] = 'Value must be one of (1, 2).';
        for (const limit of ['max_length', 'min_length'] as const) {
          const value = child[limit];
          if (value !== undefined && (typeof value !== 'number' || value < (limit === 'max_length' ? 1 : 0) || value > 4000)) {
            errors[`${at}.${limit}`] = 'Must be between 0 and 4000.';
          }
        }
        if (codePoints(child.value) > 4000) errors[`${at}.value`] = 'Must be 4000 or fewer in length.';
      }
    });
  }
  if (Object.keys(errors).length > 0) throw invalidFormBody(errors);
  return data as unknown as APIModalInteractionResponseCallbackData;
}

interface Field {
  customId: string;
  required: boolean;
  minLength: number;
  maxLength: number;
  /** The text the bot filled in (value), sent as it is unless the person changes it. */
  prefilled: string | undefined;
}

/** The fields a person fills in: the modal's text inputs and selects, with what Discord's client enforces. */
export function modalFields(modal: APIModalInteractionResponseCallbackData): Field[] {
  const fields: Field[] = [];
  for (const top of modal.components) {
    const children = top.type === Component.ActionRow ? top.components : top.type === Component.Label ? [top.component] : [];
    for (const child of children) {
      if (!('custom_id' in child)) continue;
      const text = child.type === Component.TextInput ? child : undefined;
      fields.push({
        customId: child.custom_id,
        required: 'required' in child ? child.required !== false : true,
        minLength: text?.min_length ?? 0,
        maxLength: text?.max_length ?? 4000,
        prefilled: text?.value,
      });
    }
  }
  return fields;
}

/** What Discord's client would not let a person send: unknown fields, empty required ones, lengths out of bounds. */
function checkValues(modal: APIModalInteractionResponseCallbackData, given: Record<string, string>): Record<string, string> {
  const fields = modalFields(modal);
  const values: Record<string, string> = { ...given };
  for (const field of fields) {
    if (values[field.customId] === undefined && field.prefilled) values[field.customId] = field.prefilled;
  }
  const stray = Object.keys(given).filter((id) => !fields.some((f) => f.customId === id));
  const name = `Modal "${modal.custom_id}"`;
  if (stray.length > 0) {
    throw new Error(`${name} has no field ${stray.join(', ')} (it has: ${fields.map((f) => f.customId).join(', ')})`);
  }
  const missing = fields.filter((f) => f.required && !values[f.customId]);
  if (missing.length > 0) throw new Error(`${name} needs ${missing.map((f) => f.customId).join(', ')}`);
  for (const field of fields) {
    const length = codePoints(values[field.customId] ?? '');
    if (length > field.maxLength || (length > 0 && length < field.minLength)) {
      throw new Error(`${name}: ${field.customId} takes ${field.minLength} to ${field.maxLength} characters, not ${length}`);
    }
  }
  return values;
}

/**
 * MODAL_SUBMIT data for `values`: shaped like `modal` when the bot opened one, else one action row
 * per text input. A field left out is sent as the bot prefilled it, or empty, as Discord does.
 */
export function modalSubmission(
  customId: string,
  given: Record<string, string>,
  modal: APIModalInteractionResponseCallbackData | undefined,
): APIModalSubmission {
  let nextId = 1;
  const values = modal ? checkValues(modal, given) : given;
  const textInput = (id: string, componentId?: number): ModalSubmitComponent => ({
    type: Component.TextInput,
    id: componentId ?? nextId++,
    custom_id: id,
    value: values[id] ?? '',
  });
  if (!modal) {
    const components = Object.keys(values).map((id): APIModalSubmissionComponent => {
      const rowId = nextId++;
      return { type: Component.ActionRow, id: rowId, components: [textInput(id) as never] };
    });
    return { custom_id: customId, components };
  }
  const field = (child: Json & { type: number; id?: number }): ModalSubmitComponent => {
    const id = child.id ?? nextId++;
    const customId = String(child.custom_id);
    if (child.type === Component.StringSelect) {
      const value = values[customId];
      return { type: Component.StringSelect, id, custom_id: customId, values: value ? [value] : [] } as ModalSubmitComponent;
    }
    if (child.type !== Component.TextInput) {
      throw new Error(`submitModal fills text inputs and string selects, not component type ${child.type}`);
    }
    return textInput(customId, id);
  };
  const components = modal.components.map((top): APIModalSubmissionComponent => {
    const id = top.id ?? nextId++;
    if (top.type === Component.ActionRow) {
      return { type: Component.ActionRow, id, components: top.components.map((c) => field(c as never)) as never };
    }
    if (top.type === Component.Label) return { type: Component.Label, id, component: field(top.component as never) };
    return { type: Component.TextDisplay, id };
  });
  return { custom_id: customId, components };
}
