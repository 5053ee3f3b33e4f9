import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { describe, expect, it } from 'vitest';
import {
  NotebookError, parseNotebook, readNotebook, serializeNotebook, splitLines, upgradeToV45, writeNotebook, Notebook,
} from '../../../src/tools/notebook/notebook-io';

const FIXTURES = path.resolve(__dirname, '../../fixtures/notebooks');

const sample = (): Notebook => ({
  nbformat: 4,
  nbformat_minor: 4,
  metadata: { kernelspec: { name: 'reglab-ts', display_name: 'TypeScript (reglab)' }, zeta: 1, '10': 'a', '2': 'b' },
  cells: [
    { cell_type: 'markdown', source: '# Title\nline two', metadata: { trusted: true } },
    {
      cell_type: 'code', source: 'console.log(1)\n', metadata: {}, execution_count: 3,
      outputs: [
        { output_type: 'stream', name: 'stdout', text: 'a\nb\n' },
        { output_type: 'display_data', data: { 'text/html': '<b>x</b>\n<i>y</i>', 'application/json': { k: [1, 2] } }, metadata: {} },
      ],
    },
  ],
});

describe('splitLines', () => {
  it('splits like Python str.splitlines(True)', () => {
    expect(splitLines('a\nb\r\nc\rd')).toEqual(['a\n', 'b\r\n', 'c\r', 'd']);
    expect(splitLines('x\n')).toEqual(['x\n']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('p\u2028q\fr')).toEqual(['p\u2028', 'q\f', 'r']);
  });
});

describe('parseNotebook', () => {
  it('joins multi-line strings in sources, streams and text mime data', () => {
    const nb = parseNotebook(serializeNotebook(sample()));
    expect(nb.cells[0].source).toBe('# Title\nline two');
    const code = nb.cells[1] as any;
    expect(code.outputs[0].text).toBe('a\nb\n');
    expect(code.outputs[1].data['text/html']).toBe('<b>x</b>\n<i>y</i>');
    expect(code.outputs[1].data['application/json']).toEqual({ k: [1, 2] });
  });

  it('names the file and the reason when the notebook is malformed', () => {
    expect(() => readNotebook(path.join(FIXTURES, 'malformed.ipynb'))).toThrow(NotebookError);
    expect(() => readNotebook(path.join(FIXTURES, 'malformed.ipynb'))).toThrow(/malformed\.ipynb: not valid JSON/);
    expect(() => parseNotebook('[]', 'x.ipynb')).toThrow(/x\.ipynb: not a notebook/);
    expect(() => parseNotebook('{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "cells": []}')).toThrow(/unsupported nbformat 3/);
    expect(() => parseNotebook('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}')).toThrow(/missing cells array/);
    expect(() => parseNotebook('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": ""}]}'))
      .toThrow(/code cell 0 has no outputs array/);
    expect(() => readNotebook(path.join(FIXTURES, 'does-not-exist.ipynb'))).toThrow(/does-not-exist\.ipynb: cannot read/);
  });
});

describe('serializeNotebook', () => {
  it('writes sorted keys, 1-space indent, split lines, no transient keys, trailing newline', () => {
    const text = serializeNotebook(sample());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n "metadata": {\n  "10": "a",\n  "2": "b",\n  "kernelspec"');
    expect(text).toContain('"source": [\n    "# Title\\n",\n    "line two"\n   ]');
    expect(text).not.toContain('trusted');
    expect(text).toContain('"application/json": {\n       "k": [');
  });

  it('matches what Python nbformat writes for the same notebook', () => {
    const python = '/usr/bin/python3';
    if (!fs.existsSync(python)) return;
    const ours = serializeNotebook(readNotebook(path.join(FIXTURES, 'plain.ipynb')));
    let theirs: string;
    try {
      theirs = execFileSync(python, ['-c', 'import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=4); sys.stdout.write(nbformat.writes(nb) + "\\n")', path.join(FIXTURES, 'plain.ipynb')], { encoding: 'utf8' });
    } catch {
      return; // nbformat not installed for this Python
    }
    expect(ours).toBe(theirs);
  });
});

describe('writeNotebook', () => {
  it('refuses to replace a file unless asked', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nbio-'));
    const file = path.join(dir, 'a.ipynb');
    writeNotebook(file, sample());
    expect(() => writeNotebook(file, sample())).toThrow(/already exists/);
    const nb = sample();
    nb.metadata.zeta = 2;
    writeNotebook(file, nb, { overwrite: true });
    expect(readNotebook(file).metadata.zeta).toBe(2);
    expect(fs.readdirSync(dir)).toEqual(['a.ipynb']);
    fs.rmSync(dir, { recursive: true });
  });

  it('leaves no temporary file behind when the write fails', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nbio-'));
    const file = path.join(dir, 'a.ipynb');
    fs.mkdirSync(path.join(file, 'inside'), { recursive: true }); // a folder in the way: the rename fails
    expect(() => writeNotebook(file, sample(), { overwrite: true })).toThrow(/cannot write/);
    expect(fs.readdirSync(dir)).toEqual(['a.ipynb']);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('upgradeToV45', () => {
  it('gives every cell a unique valid id and keeps good ones', () => {
    const nb = sample();
    nb.cells[0].id = 'keep-me';
    nb.cells.push({ ...nb.cells[0] }, { cell_type: 'raw', source: '', metadata: {}, id: 'bad id!' });
    upgradeToV45(nb);
    const ids = nb.cells.map((c) => c.id as string);
    expect(nb.nbformat_minor).toBe(5);
    expect(ids[0]).toBe('keep-me');
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
  });
});
