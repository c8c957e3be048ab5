package io.tandem.models;

import io.tandem.models.HashedTextFeatures.SparseVector;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Multinomial logistic regression with an L2 penalty: minimises mean cross-entropy + l2/2 |W|^2
 * (biases unpenalised) with L-BFGS and a backtracking line search. The objective is strictly convex
 * and the optimiser starts from zero with no randomness, so training is deterministic. Only the
 * hashed buckets seen in training get a weight column.
 */
final class SoftmaxRegression {

  private static final int MEMORY = 10;

  private final int[] vocabulary;
  private final int classes;

  /** Class k's weights: one per vocabulary column, then the bias. */
  private final double[][] weights;

  private final int iterations;

  private SoftmaxRegression(int[] vocabulary, int classes, double[][] weights, int iterations) {
    this.vocabulary = vocabulary;
    this.classes = classes;
    this.weights = weights;
    this.iterations = iterations;
  }

  static SoftmaxRegression train(
      List<SparseVector> inputs, int[] targets, int classes, TrainingParameters parameters) {
    int[] vocabulary =
        inputs.stream().flatMapToInt(x -> Arrays.stream(x.indices())).distinct().sorted().toArray();
    Objective objective =
        new Objective(
            inputs.stream().map(x -> toColumns(x, vocabulary)).toList(),
            targets,
            classes,
            vocabulary.length + 1,
            parameters.l2());

    double[] theta = new double[classes * (vocabulary.length + 1)];
    double[] gradient = new double[theta.length];
    double loss = objective.evaluate(theta, gradient);
    Deque<double[][]> memory = new ArrayDeque<>(); // pairs {s, y}, newest first
    int iteration = 0;
    while (iteration < parameters.maxIterations() && maxAbs(gradient) >= parameters.tolerance()) {
      iteration++;
      double[] direction = direction(gradient, memory);
      double slope = dot(gradient, direction);
      if (slope >= 0) { // not a descent direction: forget the curvature and go downhill
        memory.clear();
        direction = negate(gradient);
        slope = dot(gradient, direction);
      }
      double step = memory.isEmpty() ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
      double[] candidate = new double[theta.length];
      double[] candidateGradient = new double[theta.length];
      double candidateLoss;
      while (true) {
        for (int i = 0; i < theta.length; i++) {
          candidate[i] = theta[i] + step * direction[i];
        }
        candidateLoss = objective.evaluate(candidate, candidateGradient);
        if (candidateLoss <= loss + 1e-4 * step * slope || step < 1e-12) {
          break;
        }
        step /= 2;
      }
      double[] s = new double[theta.length];
      double[] y = new double[theta.length];
      for (int i = 0; i < theta.length; i++) {
        s[i] = candidate[i] - theta[i];
        y[i] = candidateGradient[i] - gradient[i];
      }
      if (dot(s, y) > 1e-12) {
        memory.addFirst(new double[][] {s, y});
        if (memory.size() > MEMORY) {
          memory.removeLast();
        }
      }
      boolean stalled = loss - candidateLoss <= 1e-15 * Math.max(1, Math.abs(loss));
      theta = candidate;
      gradient = candidateGradient;
      loss = candidateLoss;
      if (stalled) {
        break;
      }
    }
    int width = vocabulary.length + 1;
    double[][] weights = new double[classes][];
    for (int k = 0; k < classes; k++) {
      weights[k] = Arrays.copyOfRange(theta, k * width, (k + 1) * width);
    }
    return new SoftmaxRegression(vocabulary, classes, weights, iteration);
  }

  /** L-BFGS two-loop recursion: an approximation of -H^-1 g from the remembered steps. */
  private static double[] direction(double[] gradient, Deque<double[][]> memory) {
    double[] q = gradient.clone();
    double[] alphas = new double[memory.size()];
    int i = 0;
    for (double[][] pair : memory) {
      double rho = 1 / dot(pair[1], pair[0]);
      alphas[i] = rho * dot(pair[0], q);
      axpy(-alphas[i], pair[1], q);
      i++;
    }
    if (!memory.isEmpty()) {
      double[][] newest = memory.peekFirst();
      double scale = dot(newest[0], newest[1]) / dot(newest[1], newest[1]);
      for (int j = 0; j < q.length; j++) {
        q[j] *= scale;
      }
    }
    var oldestFirst = memory.descendingIterator();
    i = memory.size() - 1;
    while (oldestFirst.hasNext()) {
      double[][] pair = oldestFirst.next();
      double rho = 1 / dot(pair[1], pair[0]);
      double beta = rho * dot(pair[1], q);
      axpy(alphas[i] - beta, pair[0], q);
      i--;
    }
    return negate(q);
  }

  double[] probabilities(SparseVector input) {
    SparseVector x = toColumns(input, vocabulary);
    int bias = vocabulary.length;
    double[] logits = new double[classes];
    for (int k = 0; k < classes; k++) {
      double z = weights[k][bias];
      for (int j = 0; j < x.indices().length; j++) {
        z += weights[k][x.indices()[j]] * x.values()[j];
      }
      logits[k] = z;
    }
    softmaxInPlace(logits);
    return logits;
  }

  int iterations() {
    return iterations;
  }

  int vocabularySize() {
    return vocabulary.length;
  }

  /** Mean cross-entropy plus the L2 penalty, with its gradient, over a flat parameter vector. */
  private record Objective(
      List<SparseVector> inputs, int[] targets, int classes, int width, double l2) {

    double evaluate(double[] theta, double[] gradient) {
      int bias = width - 1;
      double loss = 0;
      for (int k = 0; k < classes; k++) {
        for (int d = 0; d < bias; d++) {
          double w = theta[k * width + d];
          loss += l2 / 2 * w * w;
          gradient[k * width + d] = l2 * w;
        }
        gradient[k * width + bias] = 0;
      }
      double n = inputs.size();
      double[] p = new double[classes];
      for (int i = 0; i < inputs.size(); i++) {
        SparseVector x = inputs.get(i);
        for (int k = 0; k < classes; k++) {
          double z = theta[k * width + bias];
          for (int j = 0; j < x.indices().length; j++) {
            z += theta[k * width + x.indices()[j]] * x.values()[j];
          }
          p[k] = z;
        }
        loss -= logSoftmax(p, targets[i]) / n;
        softmaxInPlace(p);
        for (int k = 0; k < classes; k++) {
          double residual = (p[k] - (targets[i] == k ? 1 : 0)) / n;
          for (int j = 0; j < x.indices().length; j++) {
            gradient[k * width + x.indices()[j]] += residual * x.values()[j];
          }
          gradient[k * width + bias] += residual;
        }
      }
      return loss;
    }
  }

  /** Keeps the buckets known to the vocabulary, renumbered to its columns. */
  private static SparseVector toColumns(SparseVector x, int[] vocabulary) {
    int[] indices = new int[x.indices().length];
    double[] values = new double[x.indices().length];
    int size = 0;
    for (int j = 0; j < x.indices().length; j++) {
      int column = Arrays.binarySearch(vocabulary, x.indices()[j]);
      if (column >= 0) {
        indices[size] = column;
        values[size] = x.values()[j];
        size++;
      }
    }
    return new SparseVector(Arrays.copyOf(indices, size), Arrays.copyOf(values, size));
  }

  private static double logSoftmax(double[] logits, int target) {
    double max = Arrays.stream(logits).max().orElse(0);
    double sum = 0;
    for (double z : logits) {
      sum += Math.exp(z - max);
    }
    return logits[target] - max - Math.log(sum);
  }

  private static void softmaxInPlace(double[] logits) {
    double max = Arrays.stream(logits).max().orElse(0);
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      logits[k] = Math.exp(logits[k] - max);
      sum += logits[k];
    }
    for (int k = 0; k < logits.length; k++) {
      logits[k] /= sum;
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double maxAbs(double[] v) {
    double max = 0;
    for (double each : v) {
      max = Math.max(max, Math.abs(each));
    }
    return max;
  }

  private static double[] negate(double[] v) {
    double[] negated = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      negated[i] = -v[i];
    }
    return negated;
  }
}
