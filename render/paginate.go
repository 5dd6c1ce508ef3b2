package render

import (
	"fmt"

	"github.com/johnfercher/maroto/v2/pkg/core"
)

// pageCapacity is the height available for content on a page.
func pageCapacity(draft bool) float64 {
	return pageH - marginT - marginB - headerHeight(draft) - footerHeight
}

// paginate groups items into pages. It never breaks inside an item, keeps
// headings with what follows, repeats a table's header on a new page and
// drops space at the top of a page. Every item fits on a page by
// construction; one that did not would be cut by maroto, so that is an
// error rather than a silent loss.
func paginate(items []item, capacity float64) ([][]core.Row, error) {
	var pages [][]core.Row
	var cur []core.Row
	y := 0.0
	newPage := func() {
		if len(cur) > 0 {
			pages = append(pages, cur)
		}
		cur, y = nil, 0
	}
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.pageBreak {
			newPage()
			continue
		}
		if it.height > capacity+1e-6 {
			return nil, fmt.Errorf("layout: an item of %.1f mm is taller than the %.1f mm page", it.height, capacity)
		}
		if it.space {
			if y == 0 {
				continue
			}
			if y+it.height > capacity {
				newPage()
				continue
			}
		}
		// A chain of keep-with-next items must fit with the item after it
		// (spaces between them count, but do not end the chain).
		need := it.height
		for j := i; j < len(items) && items[j].keep; {
			k := j + 1
			for k < len(items) && items[k].space {
				need += items[k].height
				k++
			}
			if k >= len(items) || items[k].pageBreak {
				break
			}
			need += items[k].height
			j = k
		}
		if need > capacity {
			need = it.height
		}
		if y > 0 && y+need > capacity+1e-9 {
			newPage()
		}
		if y == 0 && it.head != nil {
			cur = append(cur, it.head...)
			y += it.headHeight
		}
		cur = append(cur, it.rows...)
		y += it.height
	}
	newPage()
	if len(pages) == 0 {
		pages = append(pages, []core.Row{spacer(1)})
	}
	return pages, nil
}
