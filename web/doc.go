// Package web is infragame's local web app: HTML pages with ECharts charts
// and a JSON API under /api/v1/, both drawing on the same importable
// functions as the command line (publish, brief, dataset, tender, contest,
// finance, game, coop, auction), so a number on a page equals the number
// `infragame … --format json` prints for the same inputs.
//
// # Safety
//
// [Server] binds where its caller listens (the CLI defaults to
// 127.0.0.1:8080). It is read-only unless [Config.AllowWrites] is set, and
// then every write needs the bearer token [Config.Token]. Every request body
// is capped ([Config.MaxBody]); every computation runs under a deadline
// ([Config.ComputeTimeout]); headers set a Content-Security-Policy that
// allows only the server's own scripts. Errors are RFC 9457 problem
// documents (application/problem+json) carrying the same file, line and
// field as the command line's messages; a panic in a handler becomes a 500
// problem without a stack trace.
//
// # Adding an endpoint
//
// An API endpoint is one entry of [Server.routes] (method, pattern, handler,
// summary) and one path in openapi.json; TestOpenAPICoversRoutes fails
// when the two disagree, and TestAPIResponsesMatchSchema validates every
// documented example response against the document. A handler returns
// (any, error): the value is written as JSON, an error becomes a problem
// document (wrap bad input with [BadRequest] so it is a 4xx).
//
// # Languages
//
// Every page label comes from the catalogue in report/i18n (English and
// Chinese); ?lang=zh or ?lang=en picks one, otherwise Accept-Language does.
package web
