package io.tandem.engine.processing;

/**
 * Counts of the group commit since start: batches committed, commands they carried, and commands
 * that ran in a transaction of their own after all (their batch was rolled back, or the engine was
 * stopping); and the commands queued now. Commands that ran alone because their caller had a
 * transaction are not counted.
 */
public record GroupCommitStats(long batches, long batchedCommands, long commandsRunAlone, int queued) {}
