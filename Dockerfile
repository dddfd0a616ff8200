# MAP Search: the deployment image. Multi-stage: build the jar with the Maven Wrapper on a JDK,
# run it on a Temurin 25 JRE. The index lives in the /data volume; samples are ingested on first start.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:25-jre
# Tesseract reads scanned PDFs and images (OCR); without it they are indexed as "no text" with the
# reason. English only here: add tesseract-ocr-fra and the like for other languages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/map-search.jar /app/map-search.jar
COPY --from=build /src/target/lib /app/lib
COPY samples /app/samples
RUN mkdir -p /data && chown 1000:1000 /data
# The embedding model's tokenizer unpacks its native library into DJL_CACHE_DIR (the volume: the
# user has no home), and must never try to download one; ONNX Runtime unpacks into /tmp.
ENV MAP_SEARCH_INDEX=/data/index \
    MAP_SEARCH_SOURCE=/app/samples \
    MAP_SEARCH_PORT=7070 \
    DJL_CACHE_DIR=/data/djl \
    DJL_OFFLINE=true
VOLUME /data
EXPOSE 7070
USER 1000:1000
# Class data sharing: the first start writes the archive to the volume, later starts are faster.
# Heap 1 GB; the embedding model takes about 220 MB more outside it.
ENTRYPOINT ["java", "-Xmx1g", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", \
            "-XX:SharedArchiveFile=/data/map-search.jsa", "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", \
            "-jar", "/app/map-search.jar"]
CMD ["serve"]
