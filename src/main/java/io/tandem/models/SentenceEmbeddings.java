package io.tandem.models;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence embeddings from the packaged all-MiniLM-L6-v2 (quantised ONNX, 384 dimensions, offline),
 * remembered per text: a retraining embeds only the texts it has not seen, so it takes seconds.
 * Thread-safe.
 */
public final class SentenceEmbeddings {

  private static final int CACHED_TEXTS = 50_000;

  private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
  private final Map<String, float[]> cache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > CACHED_TEXTS;
        }
      };

  public float[] embed(String text) {
    float[] known;
    synchronized (cache) {
      known = cache.get(text);
    }
    if (known != null) {
      return known;
    }
    float[] vector = model.embed(text).content().vector();
    synchronized (cache) {
      cache.put(text, vector);
    }
    return vector;
  }

  /** Embeds many texts, the unseen ones in batches (the ONNX runtime uses every core). */
  public List<float[]> embedAll(List<String> texts) {
    List<String> missing = new ArrayList<>();
    synchronized (cache) {
      for (String text : texts) {
        if (!cache.containsKey(text)) {
          missing.add(text);
        }
      }
    }
    List<String> unique = missing.stream().distinct().toList();
    for (int from = 0; from < unique.size(); from += 256) {
      List<String> batch = unique.subList(from, Math.min(unique.size(), from + 256));
      var vectors = model.embedAll(batch.stream().map(TextSegment::from).toList()).content();
      synchronized (cache) {
        for (int i = 0; i < batch.size(); i++) {
          cache.put(batch.get(i), vectors.get(i).vector());
        }
      }
    }
    return texts.stream().map(this::embed).toList();
  }
}
