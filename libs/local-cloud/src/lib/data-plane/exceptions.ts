/**
 * The exception each HTTP status of the data plane stands for, as `@aws-sdk/client-iot-data-plane`
 * models them (its error shapes carry these statuses). The name goes into the `x-amzn-ErrorType`
 * header, which the SDK's REST-JSON protocol reads first to pick the typed exception.
 */
export const DATA_PLANE_EXCEPTIONS: Readonly<Record<number, string>> = Object.freeze({
  400: 'InvalidRequestException',
  401: 'UnauthorizedException',
  403: 'ForbiddenException',
  404: 'ResourceNotFoundException',
  405: 'MethodNotAllowedException',
  409: 'ConflictException',
  413: 'RequestEntityTooLargeException',
  415: 'UnsupportedDocumentEncodingException',
  429: 'ThrottlingException',
  500: 'InternalFailureException',
  503: 'ServiceUnavailableException',
});
