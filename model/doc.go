// Package model holds labconsole's domain types and the validation rules AWS applies
// to names and values. It is pure Go with no I/O so that the UI, the backend and the
// simulator all validate with the same rules and report the same translated messages.
package model
