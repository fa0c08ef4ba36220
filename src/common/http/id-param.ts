import { Param, ParseUUIDPipe } from '@nestjs/common';
import { validationFailed } from './validation.js';

/** A path parameter that must be a UUID; anything else is a validation problem naming the parameter. */
export const IdParam = (name = 'id'): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => validationFailed([{ field: name, message: 'must be a UUID' }]) }),
  );
