/**
 * Generated validators against Ajv on the same work: every 2xx JSON example response of an
 * operation with an object response type (collections: each item of `value`), validated
 * against that type. Ajv compiles the JSON Schemas of the OpenAPI export (`components.schemas`,
 * allOf for base types, `@odata.type` enums); the generated validators run in lenient mode,
 * which, like those schemas, allows properties the docs do not list.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { NameTable } from '../src/emit/names.js';
import { ModelIndex } from '../src/model/queries.js';
import type { Model } from '../src/model/types.js';
import { DEFAULT_SERVER_URL, toOpenApi } from '../src/openapi/document.js';
import { compile, importGenerated } from '../test/helpers.js';

type Validate = (value: unknown) => { valid: boolean };

export interface ThroughputResult {
  samples: number;
  oursOpsPerSecond: number;
  ajvOpsPerSecond: number;
  /** Samples both accept or both reject. */
  agreement: number;
}

interface Sample {
  type: string;
  body: unknown;
}

function samplesOf(model: Model): Sample[] {
  const index = new ModelIndex(model);
  const samples: Sample[] = [];
  for (const op of model.operations) {
    const ref = op.response.type;
    const type = ref?.kind === 'named' ? index.type(ref.name) : undefined;
    if (!type || type.kind === 'unresolved' || type.kind === 'enum') continue;
    for (const { response } of op.examples) {
      if (
        !response ||
        response.body === undefined ||
        response.body === null ||
        (response.status ?? 200) >= 300
      )
        continue;
      const items = op.response.collection
        ? (response.body as { value?: unknown }).value
        : [response.body];
      if (Array.isArray(items))
        for (const body of items) samples.push({ type: type.fullName, body });
    }
  }
  return samples;
}

/** Validations per second over all samples, repeated for at least `ms`. */
function opsPerSecond(samples: Sample[], validators: Validate[], ms = 1500): number {
  let runs = 0;
  const start = performance.now();
  do {
    for (let i = 0; i < samples.length; i++) validators[i](samples[i].body);
    runs++;
  } while (performance.now() - start < ms);
  return (runs * samples.length) / ((performance.now() - start) / 1000);
}

/** `out`: a generated package of `model` (it is compiled here with tsc). */
export async function validatorThroughput(model: Model, out: string): Promise<ThroughputResult> {
  const errors = await compile(out);
  if (errors) throw new Error(`the generated package does not compile:\n${errors.slice(0, 2000)}`);
  const generated = await importGenerated<Record<string, Validate>>(out, 'validators/index.js');
  const names = new NameTable(model);
  const samples = samplesOf(model);

  const document = toOpenApi(model, {
    title: 'bench',
    version: '0.0.0',
    serverUrl: DEFAULT_SERVER_URL,
  }) as { components: { schemas: Record<string, unknown> } };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: document.components });
  const compiled = new Map<string, Validate>();
  const ajvOf = (type: string): Validate => {
    let v = compiled.get(type);
    if (!v) {
      const check = ajv.getSchema(
        `openapi.json#/components/schemas/${type.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      )!;
      compiled.set(type, (v = (value) => ({ valid: check(value) as boolean })));
    }
    return v;
  };
  const ours = samples.map((s) => generated[`validate${names.of(s.type)}`]);
  const theirs = samples.map((s) => ajvOf(s.type));
  const agreement = samples.filter(
    (s, i) => ours[i](s.body).valid === theirs[i](s.body).valid,
  ).length;
  // Warm both up once before timing.
  opsPerSecond(samples, ours, 200);
  opsPerSecond(samples, theirs, 200);
  return {
    samples: samples.length,
    oursOpsPerSecond: opsPerSecond(samples, ours),
    ajvOpsPerSecond: opsPerSecond(samples, theirs),
    agreement,
  };
}
