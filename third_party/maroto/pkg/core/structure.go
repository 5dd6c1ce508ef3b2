package core

// Structure is the representation of the component tree structure.
type Structure struct {
	Type    string
	Value   interface{}
	Details map[string]interface{}
}
