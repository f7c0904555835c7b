// OFREP answers checked against the protocol's OpenAPI document (tests/e2e/ofrep/openapi.yaml,
// vendored unchanged): the status must be one the document lists for the route, and the body
// must match that status's response schema.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const DOCUMENT_ID = "ofrep-openapi";
const DOCUMENT_SHA256 = "e5f560c5194ce5f0c077685a734ecbf5d4baa3311cf862c69b636938e1fdd056";

// OFREP_OPENAPI names another copy of the same document.
function documentText() {
  const file = process.env.OFREP_OPENAPI ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "ofrep", "openapi.yaml");
  const text = readFileSync(file, "utf8");
  const digest = createHash("sha256").update(text).digest("hex");
  if (digest !== DOCUMENT_SHA256) throw new Error(`${file} is not the OFREP 0.3.0 document (SHA-256 ${digest})`);
  return text;
}

// The readings of the schemas that the document's own README lists, applied to the loaded copy
// so that the document itself stays as published.
function readAsDocumented(document) {
  const schemas = document.components.schemas;
  // "codeDefaultFlag has no value property": as written ({properties: {}}) it matches any object.
  schemas.codeDefaultFlag.not = { required: ["value"] };
  // The value-type union is read as anyOf: integerFlag and floatFlag both match an integer,
  // and every valued answer would then match codeDefaultFlag too under oneOf.
  const union = schemas.evaluationSuccess.allOf.find((part) => part.oneOf);
  union.anyOf = union.oneOf;
  delete union.oneOf;
  // The reason list omits DEFAULT, which flagd and every OpenFeature SDK use.
  schemas.evaluationSuccess.allOf.find((part) => part.properties?.reason).properties.reason.enum.push("DEFAULT");
  return document;
}

function loadValidator() {
  const document = readAsDocumented(parse(documentText()));
  // strictTypes off: the document leaves `type` to the enclosing schema in its allOf parts.
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  // OpenAPI's own words around JSON Schema: annotations, never validated.
  for (const keyword of ["openapi", "servers", "info", "security", "tags", "paths", "components", "example"])
    ajv.addKeyword(keyword);
  ajv.addSchema(document, DOCUMENT_ID);

  const operations = [];
  for (const [template, item] of Object.entries(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    for (const [method, operation] of Object.entries(item)) {
      const responses = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        const pointer = ["paths", template, method, "responses", status, "content", "application/json", "schema"]
          .map((part) => encodeURIComponent(part.replaceAll("~", "~0").replaceAll("/", "~1")))
          .join("/");
        const schema = response.content?.["application/json"]?.schema;
        responses[status] = schema ? ajv.compile({ $ref: `${DOCUMENT_ID}#/${pointer}` }) : null;
      }
      operations.push({ template, pattern, method: method.toUpperCase(), responses });
    }
  }
  return operations;
}

let operations;

// The problems with one exchange, [] when it conforms; null when the document has no such
// operation (a CORS preflight, another method), which it does not judge.
export function ofrepProblems({ method, path: requestPath, status, headers, text }) {
  operations ??= loadValidator();
  const pathname = new URL(requestPath, "http://x").pathname;
  const operation = operations.find((o) => o.method === method && o.pattern.test(pathname));
  if (!operation) return null;
  const where = `${method} ${pathname} -> ${status}`;
  if (!(String(status) in operation.responses))
    return [`${where}: status not listed for ${operation.template} (${Object.keys(operation.responses).join(", ")})`];
  const validate = operation.responses[String(status)];
  if (!validate) return status === 304 && text !== "" ? [`${where}: a 304 has no body`] : [];
  const problems = [];
  if (!/^application\/json\b/.test(headers.get("content-type") ?? ""))
    problems.push(`${where}: content-type ${headers.get("content-type")} is not application/json`);
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `${where}: body is not JSON: ${text}`];
  }
  if (!validate(body))
    for (const e of validate.errors) problems.push(`${where}: ${e.instancePath || "/"} ${e.message} (${e.schemaPath})`);
  if (operation.template === "/ofrep/v1/evaluate/flags" && status === 200 && !headers.get("etag"))
    problems.push(`${where}: a bulk answer carries an ETag`);
  return problems;
}
