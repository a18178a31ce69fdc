package shop

import (
	"fmt"
	"strings"
)

type Cart struct {
	prices []int
}

// Total sums the prices { and ignores braces in comments }.
func (c *Cart) Total() int {
	sum := 0
	for _, p := range c.prices {
		sum += p
	}
	return sum
}

func Describe(c *Cart) string {
	return fmt.Sprintf("cart{%d}", strings.Count("x", "x")+c.Total())
}
