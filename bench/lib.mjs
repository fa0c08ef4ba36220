// Helpers shared by the bench scenarios (bench/*.mjs).

/** min, median, max, p50/p95/p99 of a list of numbers. */
export const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { min: sorted[0], median: at(0.5), max: sorted.at(-1), p50: at(0.5), p95: at(0.95), p99: at(0.99) };
};

/** One call of Tandem's API with a bearer key; throws on anything but a 2xx. */
export async function api(baseUrl, key, method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}
