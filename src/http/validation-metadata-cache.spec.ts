import { IsInt, IsString, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

describe('the cached look-up of validation rules', () => {
  beforeAll(() => cacheValidationMetadata());

  it('gives the same answers as before, and a class decorated after a look-up gets its own rules', () => {
    class Base {
      @IsString()
      name!: unknown;
    }
    class Child extends Base {
      @IsInt()
      count!: unknown;
    }
    const child = Object.assign(new Child(), { name: 1, count: 'x' });
    const fields = () => validateSync(child).map((e) => e.property);
    expect(fields()).toEqual(['count', 'name']);
    expect(fields()).toEqual(['count', 'name']); // from the cache: inherited rules still there

    class Later {
      @IsInt()
      size!: unknown;
    }
    expect(validateSync(Object.assign(new Later(), { size: 'big' })).map((e) => e.property)).toEqual(['size']);
    expect(validateSync(Object.assign(new Base(), { name: 'ok' }))).toEqual([]);
  });
});
