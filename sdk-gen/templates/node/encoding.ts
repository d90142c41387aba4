/** Turning parameters and bodies into the parts of a request. */

/** `form`: repeated keys; `formNoExplode`: comma-joined; `deepObject`: `name[key]=value`. */
export type QueryStyle = 'form' | 'formNoExplode' | 'deepObject';
export type QueryParam = [name: string, value: unknown, style: QueryStyle];

/** A parameter value as the API reads it: scalars as text, structures as JSON. */
export function text(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

export function expandPath(template: string, values: Record<string, unknown>): string {
  let out = template;
  for (const [name, value] of Object.entries(values)) out = out.split(`{${name}}`).join(encodeURIComponent(Array.isArray(value) ? value.map(text).join(',') : text(value)));
  return out;
}

export function queryString(params: QueryParam[]): string {
  const search = new URLSearchParams();
  for (const [name, value, style] of params) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (style === 'formNoExplode') search.append(name, value.map(text).join(','));
      else for (const v of value) search.append(name, text(v));
    } else if (typeof value === 'object') {
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined && v !== null) search.append(style === 'deepObject' ? `${name}[${key}]` : key, text(v));
    } else {
      search.append(name, text(value));
    }
  }
  // URLSearchParams writes spaces as '+'; %20 reads the same to every server.
  return search.toString().replace(/\+/g, '%20');
}

export function formBody(body: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, text(v));
  }
  return search.toString();
}

/** Blob and byte values become file parts, everything else text parts; fetch sets the boundary. */
export function multipartBody(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v instanceof Blob) form.append(name, v, name);
      else if (v instanceof Uint8Array) form.append(name, new Blob([v]), name);
      else form.append(name, text(v));
    }
  }
  return form;
}
