package org.nnid.net;

import org.nnid.scalar.Scalar;
import org.nnid.scalar.ScalarArray;

/**
 * One layer of a layered dense network: z ↦ W·z + b with W of shape {@code rows × cols}, stored
 * row-major ([VB-C]'s (W_ℓ, b_ℓ)).
 */
public record Layer(int rows, int cols, ScalarArray weights, ScalarArray bias) {

    public Layer {
        if (rows < 0 || cols < 0 || weights.length() != (long) rows * cols) {
            throw new IllegalArgumentException("layer weights: expected " + rows + "×" + cols + " entries, found "
                    + weights.length());
        }
        if (bias.length() != rows) {
            throw new IllegalArgumentException("layer bias: expected " + rows + " entries, found " + bias.length());
        }
    }

    public static Layer of(int rows, int cols, double[] rowMajorWeights, double[] bias) {
        return new Layer(rows, cols, ScalarArray.ofDoubles(rowMajorWeights), ScalarArray.ofDoubles(bias));
    }

    /** A layer from a matrix of scalars, {@code weights[row][col]}. */
    public static Layer of(Scalar[][] weights, Scalar[] bias) {
        int rows = weights.length;
        int cols = rows == 0 ? 0 : weights[0].length;
        Scalar[] flat = new Scalar[rows * cols];
        for (int i = 0; i < rows; i++) {
            if (weights[i].length != cols) {
                throw new IllegalArgumentException("layer weights: row " + i + " has " + weights[i].length
                        + " entries, expected " + cols);
            }
            System.arraycopy(weights[i], 0, flat, i * cols, cols);
        }
        return new Layer(rows, cols, ScalarArray.of(flat), ScalarArray.of(bias));
    }

    public Scalar weight(int row, int col) {
        return weights.get(row * cols + col);
    }
}
