package fam

import "math"

func Half(n float64, xs []int) float64 {
	if len(xs) <= 2 {
		return math.Floor(n / 2)
	}
	return 0
}
