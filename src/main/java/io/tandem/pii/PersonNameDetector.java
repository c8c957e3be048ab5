package io.tandem.pii;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.datafaker.Faker;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.ThreadSafePOSTaggerME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.sentdetect.ThreadSafeSentenceDetectorME;
import opennlp.tools.tokenize.ThreadSafeTokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

/**
 * Person names in English text, found by rules over part-of-speech tags. No pretrained English
 * name finder is published on Maven Central, so this combines what is: Apache OpenNLP's sentence,
 * token and part-of-speech models trained on Universal Dependencies English EWT
 * ({@code org.apache.opennlp:opennlp-models-*-en}), and the English first and last names of
 * Datafaker's locale data as a gazetteer.
 *
 * <p>A run of proper nouns (tag {@code PROPN}) within a sentence is taken for a person's name when
 *
 * <ul>
 *   <li>a title stands before it ({@code Mr}, {@code Mrs}, {@code Dr}, ...; the title is not masked),
 *   <li>a salutation does ({@code Hi}, {@code Dear}, {@code Thanks}, {@code Thank you}, ...),
 *   <li>its first word is a known first name other than a month or weekday, followed by a surname,
 *       or alone if it has three letters or more and, at the start of a sentence, a verb,
 *       conjunction or comma follows ("Jay says"), or
 *   <li>it is an initial and a known last name ({@code K. Johnson}).
 * </ul>
 *
 * <p>Measured on hand-labelled sentences (src/test/resources/pii): precision 0.93, recall 0.81 on
 * the held-out set of well-formed English, where taking every proper noun gives precision 0.38. On
 * chat-style text it does poorly: on 400 hand-checked messages of the SMS Spam Collection,
 * precision 0.40 and recall 0.11, since such text writes names in lower case, uses names the list
 * lacks, and capitalises words that are also rare first names. So it is off by default ({@code
 * tandem.pii.person-names}). It masks places and brands that are also first names (Paris, Dell).
 * Thread-safe.
 */
final class PersonNameDetector implements PiiDetector {

  private static final String MODELS = "/opennlp-en-ud-ewt-%s-1.3-2.5.4.bin";
  private static final Set<String> TITLES =
      Set.of("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Madam", "Mister");
  private static final Set<String> SALUTATIONS = Set.of("Hi", "Hello", "Hey", "Dear", "Thanks", "Thank",
      "Morning", "Evening", "Afternoon", "Bye", "Cheers");
  private static final Set<String> CALENDAR = Set.of("January", "February", "March", "April", "May",
      "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday",
      "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
  /** Sentences longer than this are tagged in pieces: the tagger slows down on very long inputs. */
  private static final int MAX_SENTENCE = 1_000;

  private final ThreadSafeSentenceDetectorME sentences;
  private final ThreadSafeTokenizerME tokenizer;
  private final ThreadSafePOSTaggerME tagger;
  private final Set<String> firstNames;
  private final Set<String> lastNames;

  private PersonNameDetector(SentenceModel sentences, TokenizerModel tokens, POSModel tags,
      Set<String> firstNames, Set<String> lastNames) {
    this.sentences = new ThreadSafeSentenceDetectorME(sentences);
    this.tokenizer = new ThreadSafeTokenizerME(tokens);
    this.tagger = new ThreadSafePOSTaggerME(tags);
    this.firstNames = Set.copyOf(firstNames);
    this.lastNames = Set.copyOf(lastNames);
  }

  /** Loads the English models from the class path (a second or so) and the name lists. */
  static PersonNameDetector english() {
    try (InputStream sentence = model("sentence"); InputStream token = model("tokens"); InputStream pos = model("pos")) {
      Faker faker = new Faker(Locale.ENGLISH);
      Set<String> first = new HashSet<>(names(faker, "name.male_first_name"));
      first.addAll(names(faker, "name.female_first_name"));
      return new PersonNameDetector(new SentenceModel(sentence), new TokenizerModel(token), new POSModel(pos),
          first, new HashSet<>(names(faker, "name.last_name")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the OpenNLP English models", e);
    }
  }

  private static InputStream model(String kind) {
    String name = MODELS.formatted(kind);
    InputStream in = PersonNameDetector.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("OpenNLP model " + name + " is not on the class path");
    }
    return in;
  }

  private static List<String> names(Faker faker, String key) {
    Object names = faker.fakeValuesService().fetchObject(key, faker.getContext());
    if (!(names instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalStateException("Datafaker has no list " + key);
    }
    return list.stream().map(String::valueOf).toList();
  }

  @Override
  public List<PiiMatch> find(String text) {
    List<PiiMatch> matches = new ArrayList<>();
    for (Span sentence : sentences(text)) {
      for (int start = sentence.getStart(); start < sentence.getEnd(); ) {
        int end = pieceEnd(text, start, sentence.getEnd());
        findInSentence(text, start, end, matches);
        start = end;
      }
    }
    return matches;
  }

  /**
   * The sentences of the text. The model ends a sentence after a title's or an initial's dot ("Mrs.",
   * "K."), which would cut the name off its cue, so such sentences are joined to the next.
   */
  private List<Span> sentences(String text) {
    List<Span> joined = new ArrayList<>();
    for (Span sentence : sentences.sentPosDetect(text)) {
      Span previous = joined.isEmpty() ? null : joined.get(joined.size() - 1);
      if (previous != null && endsWithTitleOrInitial(text.substring(previous.getStart(), previous.getEnd()))) {
        joined.set(joined.size() - 1, new Span(previous.getStart(), sentence.getEnd()));
      } else {
        joined.add(sentence);
      }
    }
    return joined;
  }

  private static boolean endsWithTitleOrInitial(String sentence) {
    String trimmed = sentence.stripTrailing();
    if (!trimmed.endsWith(".")) {
      return false;
    }
    int start = trimmed.length() - 1;
    while (start > 0 && Character.isLetter(trimmed.charAt(start - 1))) {
      start--;
    }
    String word = trimmed.substring(start, trimmed.length() - 1);
    return TITLES.contains(word) || word.length() == 1 && Character.isUpperCase(word.charAt(0));
  }

  /** Where the piece of a sentence that starts at {@code start} ends: at most MAX_SENTENCE, at a space. */
  private static int pieceEnd(String text, int start, int sentenceEnd) {
    if (sentenceEnd - start <= MAX_SENTENCE) {
      return sentenceEnd;
    }
    int space = text.lastIndexOf(' ', start + MAX_SENTENCE);
    return space > start ? space + 1 : start + MAX_SENTENCE;
  }

  private void findInSentence(String text, int offset, int end, List<PiiMatch> matches) {
    String sentence = text.substring(offset, end);
    Span[] spans = tokenizer.tokenizePos(sentence);
    String[] tokens = Span.spansToStrings(spans, sentence);
    String[] tags = tagger.tag(tokens);
    for (int i = 0; i < tokens.length; i++) {
      if (!tags[i].equals("PROPN")) {
        continue;
      }
      int last = i;
      while (last + 1 < tokens.length && tags[last + 1].equals("PROPN")) {
        last++;
      }
      int first = nameStart(tokens, tags, i, last);
      if (first >= 0) {
        int from = offset + spans[first].getStart();
        int to = offset + spans[last].getEnd();
        String name = text.substring(from, to);
        matches.add(new PiiMatch(PiiType.PERSON_NAME, from, to, name.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)));
      }
      i = last;
    }
  }

  /**
   * Where the person's name starts in the run of proper nouns {@code tokens[start..end]} (after any
   * title), or -1 if the run is not taken for a name.
   */
  private int nameStart(String[] tokens, String[] tags, int start, int end) {
    int first = start;
    boolean titled = follows(tokens, start, TITLES) || start > 1 && tokens[start - 1].equals(".")
        && TITLES.contains(tokens[start - 2]);
    while (first <= end && TITLES.contains(withoutDot(tokens[first]))) {
      titled = true;
      first++;
      if (first <= end && tokens[first].equals(".")) {
        first++;
      }
    }
    if (first > end) {
      return -1;
    }
    boolean saluted = follows(tokens, first, SALUTATIONS)
        || first > 1 && tokens[first - 1].equals("you") && tokens[first - 2].equals("Thank");
    boolean knownFirstName = firstNames.contains(tokens[first]) && !CALENDAR.contains(tokens[first])
        && (first < end || plausibleAlone(tokens, tags, first));
    boolean initialAndLastName = tokens[first].matches("\\p{Lu}\\.?") && first < end
        && lastNames.contains(tokens[end]);
    return titled || saluted || knownFirstName || initialAndLastName ? first : -1;
  }

  /**
   * Whether a known first name standing alone, without a cue or a surname, is taken for a name: it
   * has three letters or more (short ones are mostly words: "Ha", "Al", "So"), and at the start of a
   * sentence, where capitals say nothing, something is said of it ("Jay says", "Tom and ...").
   */
  private static boolean plausibleAlone(String[] tokens, String[] tags, int index) {
    if (tokens[index].length() < 3) {
      return false;
    }
    boolean sentenceStart = true;
    for (int i = 0; i < index && sentenceStart; i++) {
      sentenceStart = tags[i].equals("PUNCT");
    }
    if (!sentenceStart) {
      return true;
    }
    if (index + 1 >= tokens.length) {
      return false;
    }
    String next = tags[index + 1];
    return next.equals("VERB") || next.equals("AUX") || next.equals("CCONJ")
        || tokens[index + 1].equals(",") || tokens[index + 1].equals("'s");
  }

  /** Whether the token before {@code index} (without a final dot) is one of {@code words}. */
  private static boolean follows(String[] tokens, int index, Set<String> words) {
    return index > 0 && words.contains(withoutDot(tokens[index - 1]));
  }

  private static String withoutDot(String token) {
    return token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
  }
}
