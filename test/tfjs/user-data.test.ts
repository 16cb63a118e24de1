import { describe, expect, it } from 'vitest';
import { parseCsvData, parseJsonData } from '../../src/tfjs/data/user-data.js';

describe('user data: JSON', () => {
  it('class ids: classification, shape from the nesting of the first example', () => {
    const d = parseJsonData(
      JSON.stringify({
        x: [
          [[1], [2]],
          [[3], [4]],
          [[5], [6]],
        ],
        y: [0, 2, 1],
      }),
    );
    expect(d).toMatchObject({ n: 3, shape: [2, 1], yDim: 1, classes: 3 });
    expect(Array.from(d.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(d.y)).toEqual([0, 2, 1]);
  });

  it('flat examples with an explicit shape and class count', () => {
    const d = parseJsonData(JSON.stringify({ shape: [2, 2, 1], classes: 10, x: [[1, 2, 3, 4]], y: [3] }));
    expect(d).toMatchObject({ n: 1, shape: [2, 2, 1], classes: 10 });
  });

  it('lists of numbers as y: regression targets, no classes', () => {
    const d = parseJsonData(
      JSON.stringify({
        x: [[1], [2]],
        y: [
          [0.5, 1],
          [1.5, 2],
        ],
      }),
    );
    expect(d).toMatchObject({ n: 2, yDim: 2 });
    expect(d.classes).toBeUndefined();
    expect(Array.from(d.y)).toEqual([0.5, 1, 1.5, 2]);
  });

  it.each([
    { name: 'not JSON', text: '{x:', error: /not JSON/ },
    { name: 'no y', text: '{"x": [[1]]}', error: /lists "x" and "y"/ },
    { name: 'no examples', text: '{"x": [], "y": [], "shape": [1]}', error: /no examples/ },
    { name: 'labels ≠ examples', text: '{"x": [[1], [2]], "y": [0]}', error: /2 examples but 1 labels/ },
    {
      name: 'ragged example',
      text: '{"x": [[1, 2], [3]], "y": [0, 1]}',
      error: /example 1 has 1 numbers, expected 2/,
    },
    { name: 'a string in x', text: '{"x": [["a"]], "y": [0]}', error: /not a finite number/ },
    { name: 'class id ≥ classes', text: '{"x": [[1]], "y": [4], "classes": 3}', error: /≥ classes \(3\)/ },
    { name: 'bad shape', text: '{"x": [[1]], "y": [0], "shape": [0]}', error: /whole numbers > 0/ },
  ])('refuses $name with a line naming the problem', ({ text, error }) => {
    expect(() => parseJsonData(text)).toThrow(error);
  });
});

describe('user data: CSV', () => {
  it('the label column, wherever it is; the other columns are features', () => {
    const d = parseCsvData('a,label,b\n1,0,2\n3,1,4\n\n');
    expect(d).toMatchObject({ n: 2, shape: [2], classes: 2 });
    expect(Array.from(d.x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(d.y)).toEqual([0, 1]);
  });

  it('without a label column the last one is the label', () => {
    expect(Array.from(parseCsvData('f1,f2,class\r\n0.5,1,2\r\n').y)).toEqual([2]);
  });

  it.each([
    { name: 'header only one column', text: 'label\n1\n', error: /header row/ },
    { name: 'short row', text: 'a,label\n1\n', error: /row 2 has 1 cells, the header 2/ },
    { name: 'non-number', text: 'a,label\nx,1\n', error: /not a finite number/ },
  ])('refuses $name', ({ text, error }) => {
    expect(() => parseCsvData(text)).toThrow(error);
  });
});
