package org.nnid.stability;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The paradox's pictures, drawn with XChart and encoded as PNG by {@code javax.imageio} (which
 * writes no time stamp, so the same data give the same bytes on one machine; fonts can differ
 * between machines).
 */
public final class ParadoxPlots {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd)};

    private ParadoxPlots() {}

    /** Line widths of successive series: each drawn thinner over the last, so coinciding lines stay visible. */
    private static final float[] WIDTHS = {9f, 7f, 5f, 3.5f, 2f};
    private static final BasicStroke[] DASHES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.SOLID,
            SeriesLines.DOT_DOT, SeriesLines.SOLID};

    /**
     * Mean exact robust accuracy at ε against K, per architecture (over trainings and seeds), and ψ_K's.
     * K is drawn on a log axis with ticks at 1..9, 10, 20, … (decades only would leave K = 2..8
     * without a label). Series are drawn from thick to thin with their own markers, so that lines
     * that coincide (all architectures at 1 for small K, ψ_K on the Claim B bound) stay visible.
     */
    public static byte[] robustAccuracy(Paradox.Result r) {
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("Exact robust accuracy at eps = 1/(8K) on offset stripes (illustrative construction)")
                .xAxisTitle("K (number of stripes, log scale)").yAxisTitle("robust accuracy (fraction of points)").build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.05);
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setMarkerSize(9);
        int[] ks = r.config().ks();
        double[] x = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            x[i] = ks[i];
        }
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false); // ticks 1..9, 10, 20, …: labels between decades
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax(ks[ks.length - 1] * 1.5);
        int c = 0;
        for (int[] arch : r.config().architectures()) {
            double[] y = new double[ks.length];
            for (int i = 0; i < ks.length; i++) {
                double sum = 0;
                int n = 0;
                for (Paradox.NetRow row : r.networks()) {
                    if (row.k() == ks[i] && row.architecture() == arch) {
                        sum += row.robustAccuracy();
                        n++;
                    }
                }
                y[i] = sum / n;
            }
            XYSeries s = chart.addSeries("fixed " + Paradox.name(arch), x, y);
            style(s, PALETTE[c % PALETTE.length], c);
            c++;
        }
        double[] psi = new double[ks.length];
        double[] bound = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            psi[i] = r.psi().get(i).robustAccuracy();
            bound[i] = Math.min(1, new Stripes(ks[i]).claimBBound(Stripes.maxPieces(new int[] {8})));
        }
        XYSeries b = chart.addSeries("Claim B bound for (2,8,1)", x, bound);
        style(b, Color.LIGHT_GRAY, 0);
        b.setMarker(SeriesMarkers.NONE);
        XYSeries s = chart.addSeries("psi_K (width 2(K-1))", x, psi);
        style(s, Color.BLACK, WIDTHS.length - 1);
        s.setMarker(SeriesMarkers.CROSS);
        return png(chart);
    }

    private static void style(XYSeries s, Color color, int rank) {
        int k = Math.min(rank, WIDTHS.length - 1);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(new BasicStroke(WIDTHS[k], BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                DASHES[k].getDashArray(), 0f));
    }

    /** The stripes' training points with the decision boundaries of one trained network and of ψ_K. */
    public static byte[] stripes(Paradox.Result r) {
        int k = r.picturedK();
        Stripes stripes = new Stripes(k);
        Stripes.Sample sample = stripes.sample(16, new java.util.Random(r.config().seed()));
        XYChart chart = new XYChartBuilder().width(800).height(800)
                .title("Offset stripes P(" + k + ", 1/" + 16 * k + ") and decision boundaries")
                .xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        for (int label = 0; label <= 1; label++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int n = 0; n < sample.size(); n++) {
                if (sample.y()[n] == label) {
                    xs.add(sample.x()[n][0]);
                    ys.add(sample.x()[n][1]);
                }
            }
            XYSeries s = chart.addSeries("label " + label, xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(label == 1 ? PALETTE[3] : PALETTE[0]);
        }
        boundary(chart, "boundary of a trained " + Paradox.name(r.config().architectures().get(
                Math.min(2, r.config().architectures().size() - 1))) + " (Adam)", r.pictured(), PALETTE[2]);
        boundary(chart, "boundary of psi_K", Mlp.of(Paradox.psiNetwork(k)), Color.BLACK);
        return png(chart);
    }

    /** Grid cells (400 × 400) where the class differs from the right or upper neighbour. */
    private static void boundary(XYChart chart, String name, Mlp mlp, Color color) {
        int n = 400;
        int[][] cls = new int[n + 1][n + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                cls[i][j] = mlp.forward(new double[] {(double) i / n, (double) j / n})[0] >= 0 ? 1 : 0;
            }
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (cls[i][j] != cls[i + 1][j] || cls[i][j] != cls[i][j + 1]) {
                    xs.add((i + 0.5) / n);
                    ys.add((j + 0.5) / n);
                }
            }
        }
        if (xs.isEmpty()) {
            xs.add(-1.0); // no boundary inside the square: an invisible point keeps the legend entry
            ys.add(-1.0);
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.SQUARE);
        s.setMarkerColor(color);
    }

    private static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
