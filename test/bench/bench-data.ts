import fs from 'node:fs';
import { once } from 'node:events';

export const SOURCE_HEADER = ['id', 'first_name', 'last_name', 'email', 'department', 'score'];

const DEPARTMENTS = ['Engineering', 'Finance', 'Operations', 'Sales', 'Research'];

/** The `i`-th generated person, in the order of SOURCE_HEADER. */
export function personRow(id: string, i: number): string[] {
  return [id, `First${i}`, `Last${i}`, `Person.${i}@Example.com`, DEPARTMENTS[i % 5], String(i % 100)];
}

/** Writes a CSV of `n` people, streaming, so generating a million rows costs no memory. */
export async function writeSourceCsv(file: string, n: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${SOURCE_HEADER.join(',')}\n`);
  for (let i = 0; i < n; i++) {
    if (!out.write(`${personRow(`P${i}`, i).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The flow both the hub and the raw baseline implement. */
export const FLOW_MAPPING = {
  email: '$lowercase(email)',
  fullName: "first_name & ' ' & last_name",
  department: 'department',
  score: '$number(score)',
};
export const TARGET_MAPPING = { id: '$recordId', email: 'email', name: 'fullName', department: 'department', score: 'score' };
