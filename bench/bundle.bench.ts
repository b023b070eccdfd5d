/*
 * Browser bundle sizes (see bench/bundle-size.ts): each app in APPS, minified and gzipped, and
 * where the bytes of the safeAssess app come from. Sizes are deterministic; printed as JSON on
 * the last line for bench/run.ts.
 */
import { APPS, bundle } from './bundle-size.js';

const results: Record<string, { minified: number; gzipped: number; byPackage: Readonly<Record<string, number>> }> = {};
for (const [name, app] of Object.entries(APPS)) results[name] = await bundle(app);
process.stdout.write(`${JSON.stringify({ results })}\n`);
