import { pageNumbers } from './staff-pages.service';

describe('pageNumbers (GOV.UK pagination for many pages)', () => {
  it('links every page of a short list', () => {
    expect(pageNumbers(1, 3)).toEqual([1, 2, 3]);
  });

  it('links the first, the last and the current page with its neighbours, with a gap (null) between', () => {
    expect(pageNumbers(1, 50_000)).toEqual([1, 2, null, 50_000]);
    expect(pageNumbers(10, 500)).toEqual([1, null, 9, 10, 11, null, 500]);
    expect(pageNumbers(3, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageNumbers(500, 500)).toEqual([1, null, 499, 500]);
  });
});
