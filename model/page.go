package model

// Page is one page of a listing and the service's token for the next one; an empty
// NextToken means the listing is complete.
type Page[T any] struct {
	Items     []T
	NextToken string
}

// PageRequest asks for one page of a listing.
type PageRequest struct {
	Token string
	Limit int // 0 = the service's default
}
