import type { z } from 'zod';
import { fieldProblems } from '../validation.js';
import { html, type Html } from './html.js';

/** What a form shows again after a refusal: the values as typed, and one message per field. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

/** Validates with the admin API's schema; a field's problem is put beside the form field that maps to it. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, fieldOf: (apiField: string) => string = (f) => f): { ok: true; data: z.output<S> } | { ok: false; errors: Record<string, string> } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: errorsByField(fieldProblems(result.error).map((p) => ({ ...p, field: fieldOf(p.field) }))) };
}

export function errorsByField(problems: { field: string; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { field, message } of problems) errors[field] ??= message;
  return errors;
}

/** The body's string fields (an array, from a repeated field, counts as its last value). */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (typeof last === 'string' && key !== '_csrf') values[key] = last;
  }
  return values;
}

interface FieldOptions {
  type?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  options?: [value: string, label: string][];
}

/** A labelled control with its error beside it, described by it for screen readers. */
export function field(form: FormState, name: string, label: string, opts: FieldOptions = {}): Html {
  const id = `f-${name}`;
  const error = form.errors[name];
  const value = form.values[name] ?? '';
  const described = [opts.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || null;
  const common = html`id="${id}" name="${name}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}${opts.required ? html` required` : ''}`;
  const control = opts.options
    ? html`<select ${common}>${opts.options.map(([v, l]) => html`<option value="${v}"${v === value ? html` selected` : ''}>${l}</option>`)}</select>`
    : html`<input ${common} type="${opts.type ?? 'text'}" value="${value}"${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : ''}${opts.inputmode ? html` inputmode="${opts.inputmode}"` : ''}>`;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${label}</label>${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}${control}${error ? html`<p class="error" id="${id}-error">${label} ${error}</p>` : ''}</div>`;
}

export const csrfInput = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;
