package io.tandem.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a text into a sparse vector of hashed features: words, word bigrams and character n-grams,
 * each block weighted by sublinear term frequency (1 + ln tf) and scaled to unit length, the whole
 * vector then to unit length. Digits are folded to {@code 0} so that numbers of the same shape
 * share features. The hash (FNV-1a over the feature's chars, then a mix) is the same on every JVM,
 * so a model trains and predicts alike everywhere.
 */
final class HashedTextFeatures {

  /** Bump when the extraction changes: it is part of the model version. */
  static final String SCHEME = "words+bigrams+chars/v1";

  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:'\\p{L}+)?|[£$€%!?&]");
  private static final Pattern DIGIT = Pattern.compile("\\p{Nd}");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final int MAX_CHARS = 10_000;

  private final int mask;
  private final int minCharGram;
  private final int maxCharGram;

  HashedTextFeatures(TrainingParameters parameters) {
    this.mask = (1 << parameters.hashBits()) - 1;
    this.minCharGram = parameters.minCharGram();
    this.maxCharGram = parameters.maxCharGram();
  }

  SparseVector extract(String text) {
    String normalised = normalise(text);
    List<String> words = words(normalised);
    Map<Integer, Double> vector = new HashMap<>();

    Map<Integer, Double> wordBlock = new HashMap<>();
    for (String word : words) {
      count(wordBlock, bucket("w:", word, 0, word.length()));
    }
    Map<Integer, Double> bigramBlock = new HashMap<>();
    for (int i = 1; i < words.size(); i++) {
      String bigram = words.get(i - 1) + ' ' + words.get(i);
      count(bigramBlock, bucket("b:", bigram, 0, bigram.length()));
    }
    Map<Integer, Double> charBlock = new HashMap<>();
    String padded = ' ' + normalised + ' ';
    for (int n = minCharGram; n <= maxCharGram; n++) {
      for (int i = 0; i + n <= padded.length(); i++) {
        count(charBlock, bucket("c:", padded, i, i + n));
      }
    }
    List<Map<Integer, Double>> blocks =
        List.of(wordBlock, bigramBlock, charBlock).stream().filter(b -> !b.isEmpty()).toList();
    for (Map<Integer, Double> block : blocks) {
      addUnitLength(block, vector, 1 / Math.sqrt(blocks.size()));
    }
    return SparseVector.of(vector);
  }

  private static String normalise(String text) {
    String limited = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    String lower = limited.toLowerCase(Locale.ROOT);
    return SPACES.matcher(DIGIT.matcher(lower).replaceAll("0")).replaceAll(" ").strip();
  }

  private static List<String> words(String normalised) {
    Matcher matcher = TOKEN.matcher(normalised);
    List<String> words = new ArrayList<>();
    while (matcher.find()) {
      words.add(matcher.group());
    }
    return words;
  }

  private static void count(Map<Integer, Double> block, int bucket) {
    block.merge(bucket, 1.0, Double::sum);
  }

  private static void addUnitLength(
      Map<Integer, Double> block, Map<Integer, Double> vector, double scale) {
    block.replaceAll((bucket, tf) -> 1 + Math.log(tf));
    double norm = Math.sqrt(block.values().stream().mapToDouble(v -> v * v).sum());
    block.forEach((bucket, v) -> vector.merge(bucket, scale * v / norm, Double::sum));
  }

  /** The bucket of the feature {@code prefix + text[from, to)}: FNV-1a 64, mixed, masked. */
  private int bucket(String prefix, String text, int from, int to) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < prefix.length(); i++) {
      hash ^= prefix.charAt(i);
      hash *= 0x100000001b3L;
    }
    for (int i = from; i < to; i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    return (int) hash & mask;
  }

  /** Sorted bucket indices with their values. */
  record SparseVector(int[] indices, double[] values) {

    static SparseVector of(Map<Integer, Double> entries) {
      int[] indices = entries.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
      double[] values = Arrays.stream(indices).mapToDouble(entries::get).toArray();
      return new SparseVector(indices, values);
    }
  }
}
