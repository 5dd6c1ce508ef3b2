package render

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The draft watermark is a page-sized image, "DRAFT" across the diagonal in
// light grey, which maroto draws behind every page of a draft (its
// background image). maroto cannot rotate text, and an image keeps the word
// out of the text layer, so pdftotext and screen readers see the document
// and not the watermark (the DRAFT band at the top of each page says it in
// words).
//
// drawWatermark makes it from the embedded bold face; it takes about 0.2 s,
// so the result is stored as watermark.png and embedded, and
// TestWatermarkUpToDate checks the two agree (go test ./render -update
// rewrites the file).
const (
	watermarkDPI  = 100
	watermarkText = "DRAFT"
)

//go:embed watermark.png
var watermarkPNG []byte

func draftWatermark() ([]byte, error) { return watermarkPNG, nil }

func drawWatermark() ([]byte, error) {
	ft, err := opentype.Parse(ttfBold)
	if err != nil {
		return nil, fmt.Errorf("draft watermark font: %w", err)
	}
	// A4 at watermarkDPI.
	pw := int(math.Round(210 / 25.4 * watermarkDPI))
	ph := int(math.Round(297 / 25.4 * watermarkDPI))
	diag := math.Hypot(float64(pw), float64(ph))
	// Size the word to span about 70% of the diagonal.
	probe, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: 100, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	adv := font.MeasureString(probe, watermarkText)
	size := 100 * 0.7 * diag / (float64(adv) / 64)
	face, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	m := face.Metrics()
	tw := int(font.MeasureString(face, watermarkText) >> 6)
	th := int((m.Ascent + m.Descent) >> 6)
	text := image.NewAlpha(image.Rect(0, 0, tw, th))
	d := font.Drawer{Dst: text, Src: image.Opaque, Face: face, Dot: fixed.Point26_6{Y: m.Ascent}}
	d.DrawString(watermarkText)

	// Rotate onto the page about its centre, bottom-left to top-right,
	// sampling the text image (nearest neighbour; the word is large).
	page := image.NewGray(image.Rect(0, 0, pw, ph))
	angle := math.Atan2(float64(ph), float64(pw))
	sin, cos := math.Sin(angle), math.Cos(angle)
	const ink, paper = 0xE6, 0xFF
	for y := 0; y < ph; y++ {
		for x := 0; x < pw; x++ {
			dx, dy := float64(x)-float64(pw)/2, float64(y)-float64(ph)/2
			// Inverse rotation by -angle (the word rises to the right).
			sx := cos*dx - sin*dy + float64(tw)/2
			sy := sin*dx + cos*dy + float64(th)/2
			v := uint8(paper)
			if ix, iy := int(sx), int(sy); ix >= 0 && iy >= 0 && ix < tw && iy < th {
				a := text.AlphaAt(ix, iy).A
				v = uint8(paper - (paper-ink)*int(a)/255)
			}
			page.SetGray(x, y, color.Gray{Y: v})
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, page); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
