import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

// What an editor shows: the TypeScript language service, over the built declarations (dist/, as
// an app gets them through package.json's exports), asked for the hover text and completions
// inside a call to assess. Needs the build.

const APP = path.join(ROOT, 'hover-app.ts');
const SOURCE = `import { assess } from 'za-reporting-duties';
assess({
  reporter: { inCourseOfDuties: true },
  people: [{ id: 'a' }],
  concerns: [{ id: 'c', victim: 'a', harm: 'neglect',  }],
});
`;

let service: ts.LanguageService;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.d.ts')))
    throw new Error('dist/index.d.ts is missing: run `npm run build` first (npm test does)');
  const options: ts.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    types: [],
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [APP],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => {
      const text = f === APP ? SOURCE : fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined;
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f === APP || fs.existsSync(f),
    readFile: (f) => (f === APP ? SOURCE : fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined),
  };
  service = ts.createLanguageService(host);
});

describe('editor support from the built declarations', () => {
  it('the app compiles against dist/ (the package resolves to itself by name)', () => {
    const errors = [...service.getSyntacticDiagnostics(APP), ...service.getSemanticDiagnostics(APP)].map((d) =>
      ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    );
    expect(errors).toEqual([]);
  });

  it('hovering an input field shows its documentation ("Omitted = unknown")', () => {
    const info = service.getQuickInfoAtPosition(APP, SOURCE.indexOf('inCourseOfDuties') + 2);
    const doc = ts.displayPartsToString(info?.documentation);
    expect(doc).toContain('Learned it while working in that role');
    expect(doc).toContain('Omitted = unknown');
  });

  it('the editor completes the fields of a concern', () => {
    const at = SOURCE.indexOf("harm: 'neglect',  ") + "harm: 'neglect', ".length;
    const names = service.getCompletionsAtPosition(APP, at, {})?.entries.map((e) => e.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(['allegedBy', 'relationship', 'basis', 'incidentDate', 'physicalInjury']));
    expect(names).not.toContain('harm');
  });
});
