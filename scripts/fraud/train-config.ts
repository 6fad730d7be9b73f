/** The seed of the traffic the committed model is trained on (`npm run train:fraud`). */
export const TRAIN_SEED = 20_261_203;
/** The seed of the traffic whose humans calibrate the model's threshold (neither training nor test). */
export const CALIBRATION_SEED = 5_150_001;
