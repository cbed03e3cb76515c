package dev.myelin.fashion.data;

/** One file of a published dataset: its name and the MD5 checksum its authors published. */
public record DatasetFile(String name, String md5) {}
