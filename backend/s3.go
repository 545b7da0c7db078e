package backend

// S3 is the S3 part of the console: buckets and the trail-log browser. Its methods
// arrive with the S3 screens.
type S3 interface{}
