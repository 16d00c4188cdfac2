import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { RequestHandler } from 'express';
import type { Response } from 'supertest';
import { spec } from '../schema/openapi.generated';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(spec, 'openapi');

type Operation = {
  responses: Record<
    string,
    { $ref?: string; content?: Record<string, unknown> }
  >;
};

/** Escapes a JSON pointer segment. */
const pointer = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

function findOperation(method: string, path: string) {
  const parts = path.split('/');
  for (const [template, operations] of Object.entries(spec.paths)) {
    const templateParts = template.split('/');
    if (
      templateParts.length === parts.length &&
      templateParts.every(
        (part, i) => part === parts[i] || /^\{.+\}$/.test(part),
      )
    ) {
      const operation = (operations as Record<string, Operation>)[method];
      if (operation) return { template, operation };
    }
  }
  return undefined;
}

/**
 * Why a response does not match `openapi.yaml`, or undefined when it does:
 * the operation of the method and path must exist, answer the status (or
 * `default`) with the content type, and the JSON body must validate against
 * the response schema (additional properties, enums, formats included).
 */
export function specMismatch(response: {
  method: string;
  path: string;
  status: number;
  contentType?: string;
  body: unknown;
}): string | undefined {
  const method = response.method.toLowerCase();
  const path = response.path.split('?')[0];
  const where = `${response.method.toUpperCase()} ${path} ${response.status}`;
  const found = findOperation(method, path);
  if (!found) return `${where}: no operation in openapi.yaml`;
  const { template, operation } = found;
  const status = String(response.status);
  let key = status in operation.responses ? status : 'default';
  if (!(key in operation.responses)) {
    return `${where}: openapi.yaml declares no ${status} or default response`;
  }
  let base = `#/paths/${pointer(template)}/${method}/responses/${key}`;
  let declared = operation.responses[key];
  if (declared.$ref) {
    base = declared.$ref;
    key = declared.$ref.split('/').pop()!;
    declared = (spec.components.responses as Record<string, any>)[key];
  }
  const mediaType = (response.contentType ?? '').split(';')[0].trim();
  if (!declared.content) {
    return mediaType
      ? `${where}: openapi.yaml declares no body, got ${mediaType}`
      : undefined;
  }
  if (!(mediaType in declared.content)) {
    return `${where}: content type ${
      mediaType || '(none)'
    } is not one of ${Object.keys(declared.content).join(', ')}`;
  }
  const validate = ajv.compile({
    $ref: `openapi${base}/content/${pointer(mediaType)}/schema`,
  });
  if (validate(response.body)) return undefined;
  return `${where} does not match openapi.yaml: ${ajv.errorsText(
    validate.errors,
    { dataVar: 'body', separator: '; ' },
  )}`;
}

/** Asserts that a supertest response matches `openapi.yaml`. */
export function expectMatchesSpec(res: Response) {
  const { req } = res as unknown as { req: { method: string; path: string } };
  const contentType = res.headers['content-type'];
  const mismatch = specMismatch({
    method: req.method,
    path: req.path,
    status: res.status,
    contentType,
    body: contentType?.startsWith('application/json') ? res.body : res.text,
  });
  expect(mismatch).toBeUndefined();
}

/**
 * Express middleware for test apps: every JSON response is checked against
 * `openapi.yaml` before it is sent; a mismatch becomes a 500 naming it, so
 * every route test also tests the contract.
 */
export function specCheckedResponses(): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const mismatch = specMismatch({
        method: req.method,
        path: req.originalUrl,
        status: res.statusCode,
        contentType: 'application/json',
        body: JSON.parse(JSON.stringify(body ?? null)),
      });
      if (mismatch) {
        // eslint-disable-next-line no-console
        console.error(mismatch);
        res.status(500);
        return json({
          error: { name: 'SpecMismatchError', message: mismatch },
        });
      }
      return json(body);
    };
    next();
  };
}
