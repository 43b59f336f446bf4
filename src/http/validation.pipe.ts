import { ValidationPipe } from '@nestjs/common';
import { fieldErrors, Problem } from './problem';

/** DTO validation for every request: unknown properties are refused, each bad field named. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => Problem.invalid(fieldErrors(errors)),
  });
}
