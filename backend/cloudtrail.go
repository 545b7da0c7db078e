package backend

// CloudTrail is the CloudTrail part of the console: trails and event history. Its
// methods arrive with the CloudTrail screens.
type CloudTrail interface{}
