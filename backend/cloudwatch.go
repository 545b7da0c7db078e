package backend

// CloudWatch is the alarms, metrics and billing part of the console, with SNS topics
// for alarm actions. Its methods arrive with the CloudWatch screens.
type CloudWatch interface{}
