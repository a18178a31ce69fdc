package strs

var raw = `a < b`
var r = '<'

func Less(a int) bool { return a < 3 } // a < b
